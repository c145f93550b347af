package dev.crawler.engine;

/**
 * How many fetchers a crawl should have now, like a shop that opens more tills while the line is
 * long and closes some while it is empty. The line is the hand-off queue in front of the fetchers:
 * it only fills when the frontier has more URLs ready (politeness and rate limits allowing) than
 * the fetchers take, so a deep queue with every fetcher busy means fetchers are the bottleneck.
 *
 * <ul>
 *   <li>Double (like TCP's slow start) when, {@value #GROW_AFTER} samples in a row, the queue holds
 *       at least half as many tasks as there are fetchers (or is half full), nearly every fetcher
 *       is busy, and the process has CPU to spare (more fetchers do not help a CPU-bound crawl).
 *   <li>Shrink by a quarter (at least one) when, {@value #SHRINK_AFTER} samples in a row, the queue
 *       is empty and fewer than half the fetchers are busy.
 * </ul>
 *
 * Always within {@code [min, max]}. Not thread-safe: one controller thread samples and decides.
 */
final class FetcherScaler {
    static final int GROW_AFTER = 2;
    static final int SHRINK_AFTER = 4;
    static final double CPU_BUSY = 0.9;

    /**
     * One look at the crawl.
     *
     * @param fetchers fetchers running
     * @param busy fetchers with a fetch in progress
     * @param queued tasks waiting in the hand-off queue
     * @param queueCapacity the hand-off queue's capacity
     * @param cpu the process's share of all cores over the last interval, 0 to 1 (negative if
     *     unknown)
     */
    record Sample(int fetchers, int busy, int queued, int queueCapacity, double cpu) {}

    private final int min;
    private final int max;
    private int deepSamples;
    private int shallowSamples;

    FetcherScaler(int min, int max) {
        if (min < 1 || max < min) throw new IllegalArgumentException(min + ".." + max);
        this.min = min;
        this.max = max;
    }

    /** The number of fetchers to have after this sample. */
    int decide(Sample s) {
        int n = s.fetchers();
        boolean deep = s.queued() * 2 >= Math.min(n, s.queueCapacity());
        boolean busy = s.busy() >= n - Math.max(1, n / 10);
        boolean cpuLeft = s.cpu() < CPU_BUSY;
        if (deep && busy && cpuLeft) {
            shallowSamples = 0;
            if (++deepSamples >= GROW_AFTER) {
                deepSamples = 0;
                return Math.min(max, n * 2);
            }
            return n;
        }
        deepSamples = 0;
        if (s.queued() == 0 && s.busy() * 2 < n) {
            if (++shallowSamples >= SHRINK_AFTER) {
                shallowSamples = 0;
                return Math.max(min, n - Math.max(1, n / 4));
            }
            return n;
        }
        shallowSamples = 0;
        return Math.max(min, Math.min(max, n));
    }
}
