#!/usr/bin/python3
"""The parity rules of ParselParityTest, written with Scrapy's selectors (parsel).

Reads a JSON list of {"file": PATH, "url": BASE_URL} from standard input and prints, for each page,
{"url": BASE_URL, "items": [{"type": ..., "data": {...}}, ...]} as one JSON line, extracting the
same fields as the test's rule file, the way a Scrapy user would write them. Text values are the
text nodes joined (whitespace is compared loosely by the test), attributes are made absolute with
urljoin, as response.urljoin does.
"""
import json
import re
import sys
from urllib.parse import urljoin

from parsel import Selector


def text(sel):
    return " ".join(sel.xpath(".//text()").getall())


def first_text(scope, css):
    found = scope.css(css)
    return text(found[0]) if found else None


def page_items(html, url):
    sel = Selector(text=html)
    items = []
    title = sel.css("title")
    paras = sel.css("p")
    data = {
        "title": first_text(sel, "title"),
        "heading": first_text(sel, "h1"),
        "headings": [text(h) for h in sel.css("h2")],
        "ownFirstPara": " ".join(paras[0].xpath("text()").getall()) if paras else None,
        "links": [urljoin(url, h) for h in sel.css("a.reference::attr(href)").getall()],
        "firstLink": (lambda h: urljoin(url, h) if h is not None else None)(sel.css("a.reference::attr(href)").get()),
        "generator": sel.xpath('//meta[@name="generator"]/@content').get(),
        "viewport": sel.xpath('//meta[@name="viewport"]/@content').get(),
        "navLinks": [urljoin(url, h) for h in sel.xpath('//div[@role="navigation"]//a/@href').getall()],
        "project": (lambda m: m.group(1) if m else None)(
            re.search(r"^(.*?) —", text(title[0])) if title else None),
        "codeNames": [m.group(1) for m in
                      (re.search(r"(\w+)", text(c)) for c in sel.css("code.xref"))
                      if m],
    }
    items.append({"type": "page", "data": data})
    for section in sel.css("section, div.section"):
        h = section.xpath("./*[self::h2 or self::h3][1]")
        if not h:
            continue  # required: the section's own heading
        items.append({"type": "section", "data": {
            "id": section.attrib.get("id"),
            "heading": text(h[0]),
            "firstCode": first_text(section, "code"),
        }})
    return items


def main():
    pages = json.load(sys.stdin)
    for p in pages:
        with open(p["file"], encoding="utf-8") as f:
            html = f.read()
        print(json.dumps({"url": p["url"], "items": page_items(html, p["url"])}))


if __name__ == "__main__":
    main()
