package dev.crawler.parse;

/**
 * Searches in text held as bytes of an ASCII-compatible encoding, for ASCII characters and strings
 * only, within {@code bytes[0, to)}: what the {@link HtmlScanner} asks of a page. Stateless.
 */
final class AsciiBytes {
    private AsciiBytes() {}

    /** Where the ASCII character {@code c} is first found from {@code from} on, or -1. */
    static int indexOf(byte[] bytes, int to, char c, int from) {
        byte b = (byte) c;
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Where the ASCII string {@code s} is first found whole from {@code from} on, or -1. */
    static int indexOf(byte[] bytes, int to, String s, int from) {
        char first = s.charAt(0);
        for (int i = indexOf(bytes, to, first, from);
                i >= 0;
                i = indexOf(bytes, to, first, i + 1)) {
            if (startsWith(bytes, to, s, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the ASCII string {@code s} is at {@code at}. */
    static boolean startsWith(byte[] bytes, int to, String s, int at) {
        if (at < 0 || at + s.length() > to) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (bytes[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the lower-case ASCII {@code name} is at {@code at}, in any case. */
    static boolean namedAt(byte[] bytes, int to, int at, String name) {
        if (at < 0 || at + name.length() > to) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            int c = bytes[at + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean isTagNameEnd(byte c) {
        return isSpace(c) || c == '/' || c == '>';
    }

    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
