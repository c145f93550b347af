# Set-up and everyday commands. `make run` crawls the bundled demo site; `make test` runs the suite.
# Every target finds a JDK 21+ by itself (bin/find-jdk) and stops with a clear message without one.

SHELL := /usr/bin/env bash
JDK := $(shell bin/find-jdk 2>/dev/null)
ifeq ($(JDK),)
  $(error No JDK 21 or newer found: install one (e.g. openjdk-21-jdk) or set JAVA_HOME to it. Run bin/find-jdk for details)
endif
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(PATH)
# Maven's own libraries use sun.misc.Unsafe, which JDK 23+ warns about on every run.
JDK_MAJOR := $(shell sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(JDK)/release" 2>/dev/null)
ifeq ($(shell [ "$(JDK_MAJOR)" -ge 23 ] 2>/dev/null && echo yes),yes)
  export MAVEN_OPTS := $(MAVEN_OPTS) --sun-misc-unsafe-memory-access=allow
endif

MVN ?= mvn
MVN_FLAGS ?= -B -ntp -q
# Tests print Surefire's counts (CI reads them), so they run without -q.
TEST_FLAGS ?= -B -ntp -Dstyle.color=never
JAR := target/crawler-all.jar

.PHONY: all build test run fmt clean jar bench bench-state bench-cluster cluster-demo aot install

all: build

## build: compile, check formatting and forbidden APIs, and build the runnable jar (tests skipped)
build jar: $(JAR)

$(JAR): pom.xml $(shell find src/main -type f 2>/dev/null)
	$(MVN) $(MVN_FLAGS) -DskipTests package
	@rm -f target/crawler.aot # trained on the previous jar: rebuild with 'make aot'

## test: the whole suite, plus formatting and forbidden-API checks (what CI runs)
test:
	@command -v redis-server >/dev/null 2>&1 || { echo "make test: the shared-frontier tests need redis-server on the PATH (Debian: sudo apt-get install redis-server; .ci/run installs it when missing)" >&2; exit 1; }
	@/usr/bin/python3 -c 'import parsel' 2>/dev/null && [ -d /usr/share/doc/python-scrapy-doc/html ] || { echo "make test: the extraction parity test compares with Scrapy's selectors on Scrapy's docs (Debian: sudo apt-get install python3-parsel python-scrapy-doc; .ci/run installs them when missing)" >&2; exit 1; }
	$(MVN) $(TEST_FLAGS) verify

## bench-state: the persistent frontier alone, at 1,000,000 and 10,000,000 URLs (~4 min, ~450 MB of disk)
bench-state: $(JAR)
	JAVA_OPTS="-XX:+UseSerialGC -Xmx256m" bin/crawler bench-state --urls 1000000
	JAVA_OPTS="-XX:+UseSerialGC -Xmx256m" bin/crawler bench-state --urls 10000000

## run: the main job, offline: serve the bundled demo site on 127.0.0.1 and crawl it
run: $(JAR)
	bin/crawler demo --out target/demo/crawl.jsonl --extract config/rules.example.yaml --items target/demo/items.jsonl

## cluster-demo: a local redis-server and three crawler processes sharing one crawl of the bundled site
cluster-demo: $(JAR)
	bin/crawler cluster --processes 3 --pages 1000 --delay 5ms

## bench-cluster: 1, 2 and 4 processes sharing one crawl of a site with 50 ms responses (~3 min)
bench-cluster: $(JAR)
	@for n in 1 2 4; do \
	  bin/crawler cluster --processes $$n --pages 10000 --delay 50ms --plain --workers 8 \
	    --dir target/bench/cluster-$$n --json target/bench/cluster-$$n.json || exit 1; \
	done

## bench: crawler vs raw-fetch ceiling on a local site (minutes; not part of test or CI)
bench: $(JAR)
	JAVA_OPTS="-XX:+UseSerialGC -Xmx3g" bin/crawler bench

## aot: build an ahead-of-time class cache (JDK 25+) from a short demo crawl; bin/crawler uses it
aot: $(JAR)
	@if [ "$(JDK_MAJOR)" -lt 25 ]; then echo "make aot needs a JDK 25 or newer (found $(JDK_MAJOR)); skipping" >&2; exit 0; fi; \
	rm -f target/crawler.aot; \
	JAVA_OPTS="$$(sed -n 's/^DEFAULT_JAVA_OPTS="\(.*\)"/\1/p' bin/crawler) -XX:AOTCacheOutput=target/crawler.aot" \
	  CRAWLER_AOT=/nonexistent bin/crawler demo --pages 300 --quiet --out target/aot-training.jsonl

## install: put the library (dev.crawler:crawler) in the local Maven repository, for embedding
install:
	$(MVN) $(MVN_FLAGS) -DskipTests install

## fmt: reformat the sources (google-java-format, AOSP style)
fmt:
	$(MVN) $(MVN_FLAGS) spotless:apply

clean:
	$(MVN) $(MVN_FLAGS) clean
