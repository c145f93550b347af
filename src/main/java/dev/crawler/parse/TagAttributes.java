package dev.crawler.parse;

/**
 * A start tag's attributes, the first of two of one name kept, and, as jsoup does, only the first
 * {@value #MAX} (a hostile tag of a hundred thousand is read, not kept); reused from tag to tag.
 * Past a few, names are looked up through an index.
 */
final class TagAttributes {
    /** Most attributes kept of one tag: jsoup's {@code Token.Tag.MaxAttributes}. */
    static final int MAX = 512;

    private static final int INDEXED = 16;
    private String[] names = new String[8];
    private String[] values = new String[8];
    private int size;
    private java.util.HashMap<String, Integer> index; // from INDEXED attributes on

    /** The value of {@code name}, or null when the tag has no such attribute. */
    String get(String name) {
        if (index != null) {
            Integer i = index.get(name);
            return i == null ? null : values[i];
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    void clear() {
        size = 0;
        index = null;
    }

    void add(String name, String value) {
        if (size == MAX || has(name)) {
            return; // the first of two of one name counts
        }
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        if (index != null) {
            index.put(name, size);
        } else if (size + 1 == INDEXED) {
            index = new java.util.HashMap<>();
            for (int i = 0; i <= size; i++) index.put(names[i], i);
        }
        size++;
    }
}
