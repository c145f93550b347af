package dev.crawler.fetch;

/**
 * Which session an exchange went through: its slot in the pool and which of the slot's sessions
 * (each retirement makes a new one). Immutable.
 *
 * @param slot the session's place in the pool
 * @param generation how many sessions of that place were retired before it
 */
record SessionRef(int slot, int generation) {
    /** The first session of the first place: the only one without {@code sessions}. */
    public static final SessionRef FIRST = new SessionRef(0, 0);
}
