package dev.crawler.cli;

/** The CLI's exit codes, as documented in the README. */
final class ExitCodes {
    /** The crawl ran to its end (individual URLs may still have failed: see the summary). */
    static final int OK = 0;

    /** The crawl could not go on: its output failed, or an internal error. */
    static final int CRAWL_ERROR = 1;

    /** Bad usage: an unknown flag, a bad configuration value, an unreadable seed file or output. */
    static final int USAGE = 2;

    /** No seed was a valid URL. */
    static final int NO_VALID_SEEDS = 3;

    /**
     * The heap ran out and the crawl stopped: what was written is whole (left as {@code FILE.part},
     * the earlier output untouched), and a {@code --state-dir} crawl resumes from where it stopped.
     */
    static final int OUT_OF_MEMORY = 4;

    /**
     * Stopped by Ctrl-C (SIGINT); the JVM itself reports 128 + signal (130 for SIGINT, 143 for
     * SIGTERM) when it exits on a signal. The summary and output are complete so far.
     */
    static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
