package dev.crawler.frontier;

import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.PageFacts;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the local frontier remembers about URLs: always the seen-set; when persistent, also every
 * admitted URL with its state, so that a later run resumes where this one stopped. A persistent
 * store keeps pending URLs on disk: the frontier holds only a small window of each host's queue in
 * memory and loads the rest as the host is served.
 *
 * <p>Implementations are thread-safe.
 */
interface UrlStore {

    /**
     * Marks {@code request}'s URL as seen and, when persistent, keeps it as pending under {@code
     * hostKey}.
     *
     * @return false when the URL was seen before (nothing changes)
     */
    boolean admit(CrawlRequest request, String hostKey);

    /**
     * Admits several distinct URLs at once, as {@link #admit} would one by one.
     *
     * @param hostKeys the host of each request
     * @return for each request, whether it was new
     */
    boolean[] admitAll(List<CrawlRequest> requests, List<String> hostKeys);

    /** Whether pending URLs live in this store (and are loaded with {@link #pending}). */
    boolean persistent();

    /**
     * Up to {@code limit} pending requests of a host with an id above {@code afterId}, in id
     * (admission) order.
     */
    List<StoredRequest> pending(String hostKey, long afterId, int limit);

    /** The hosts holding pending URLs and how many each holds (to resume a crawl). */
    Map<String, Long> pendingHosts();

    /** The hosts of the seeds given so far, in any run (the crawl's scope). */
    List<URI> seedHosts();

    /** Remembers a seed's host, for the scope of later runs. */
    void seedHost(URI seed);

    /** Keeps {@code next} (a later attempt of a pending URL) to be tried no earlier than given. */
    void retrying(CrawlRequest next, long notBeforeEpochMillis);

    /** Records the final state of a pending URL. */
    void finished(CrawlRequest request, Completion completion);

    /**
     * Whether {@code key} is certainly seen already, cheaply: the in-memory seen-set answers, a
     * persistent store says no (its admission checks anyway, in one batch).
     */
    default boolean seenBefore(String key) {
        return false;
    }

    /** What the store kept of {@code url}'s last fetch (nothing, for the in-memory seen-set). */
    default java.util.Optional<PageFacts> lastFetch(URI url) {
        return java.util.Optional.empty();
    }

    /** How many URLs the store holds in each state (all zero for the in-memory seen-set). */
    StateCounts counts();

    /** A pending request as stored, with its admission id and earliest time to try it. */
    record StoredRequest(long id, CrawlRequest request, long notBeforeEpochMillis) {}

    /** The in-memory seen-set: nothing outlives the process. */
    final class Memory implements UrlStore {
        private final java.util.Set<String> seen =
                java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public boolean admit(CrawlRequest request, String hostKey) {
            return seen.add(request.key());
        }

        @Override
        public boolean seenBefore(String key) {
            return seen.contains(key);
        }

        @Override
        public boolean[] admitAll(List<CrawlRequest> requests, List<String> hostKeys) {
            boolean[] out = new boolean[requests.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = admit(requests.get(i), hostKeys.get(i));
            }
            return out;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public List<StoredRequest> pending(String hostKey, long afterId, int limit) {
            return List.of();
        }

        @Override
        public Map<String, Long> pendingHosts() {
            return Map.of();
        }

        @Override
        public List<URI> seedHosts() {
            return List.of();
        }

        @Override
        public void seedHost(URI seed) {
            // nothing to remember
        }

        @Override
        public void retrying(CrawlRequest next, long notBeforeEpochMillis) {
            // retries live in the frontier's memory
        }

        @Override
        public void finished(CrawlRequest request, Completion completion) {
            // the ledger counters live in the frontier
        }

        @Override
        public StateCounts counts() {
            return new StateCounts(0, 0, 0, 0);
        }
    }
}
