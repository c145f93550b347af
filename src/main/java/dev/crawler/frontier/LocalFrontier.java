package dev.crawler.frontier;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.politeness.HostKey;
import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.LinkTag;
import dev.crawler.request.PageFacts;
import dev.crawler.request.Via;
import dev.crawler.seed.Seed;
import dev.crawler.url.Rejection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The embedded frontier, made of its parts: admission ({@link Intake}'s scope and normalization,
 * the seen-set or the store, the {@link PageBudget}), host scheduling ({@link HostScheduler}: host
 * queues, timer heaps, robots.txt gates, the hand-out), and the {@link Ledger} (how each URL ended,
 * what was refused, when the crawl is idle).
 *
 * <p>In memory by default; on a {@link CrawlState}, the seen-set, the host queues' contents,
 * pending retries and the ledger live in the state's store, and each host's queue holds only a
 * window of {@value StoreWindow#WINDOW} URLs in memory, loaded as the host is served.
 *
 * <p>Thread-safety: the seen-set (or the store), the budget and the ledger are concurrent; the
 * scheduler guards its queues with its own lock, never held across the store's writes.
 */
public final class LocalFrontier implements Frontier {
    private final Intake intake;
    private final UrlStore store;
    private final boolean persistent;
    private final PageBudget budget;
    private final Ledger ledger = new Ledger();
    private final HostScheduler scheduler;

    /** Most seeds held before their first dispatch; seed producers wait beyond it. */
    static final int SEED_BACKLOG = 10_000;

    private final Semaphore seedSlots = new Semaphore(SEED_BACKLOG);

    /**
     * Creates an empty in-memory frontier applying {@code config}'s scope, budget and politeness.
     */
    public LocalFrontier(CrawlConfig config) {
        this(config, new UrlStore.Memory());
    }

    /**
     * Creates a frontier kept in {@code state}: it resumes the URLs the state holds as pending
     * (including those in flight when an earlier run stopped) and the scope of earlier seeds, and
     * never admits a URL the state has seen. Pending URLs stay on disk; each host's queue holds at
     * most {@value StoreWindow#WINDOW} of them in memory.
     */
    public LocalFrontier(CrawlConfig config, CrawlState state) {
        this(config, state.store());
    }

    LocalFrontier(CrawlConfig config, UrlStore store) {
        this(config, store, HostTable.Eviction.DEFAULT);
    }

    LocalFrontier(CrawlConfig config, UrlStore store, HostTable.Eviction eviction) {
        this.store = store;
        this.persistent = store.persistent();
        this.intake = new Intake(config);
        this.budget = new PageBudget(config.scope());
        this.scheduler =
                new HostScheduler(
                        config,
                        store,
                        eviction,
                        r -> {
                            if (!persistent && r.parent().isEmpty() && r.attempt() == 1) {
                                seedSlots.release(); // a seed left the backlog
                            }
                        });
        if (persistent) {
            resume();
        }
    }

    /** Picks up what the store holds: the seeds' hosts, and every host's pending URLs. */
    private void resume() {
        store.seedHosts().forEach(intake::addSeedHost);
        StateCounts counts = store.counts();
        budget.resumed(counts.total());
        ledger.resumed(counts.pending());
        scheduler.resume(store.pendingHosts());
    }

    // ---- admission -------------------------------------------------------------------------

    @Override
    public Admission admitSeed(Seed given) throws InterruptedException {
        CrawlRequest seed;
        switch (intake.seed(given, given.priority())) {
            case Intake.Checked.Refused refused -> {
                return reject(refused.reason(), refused.detail());
            }
            case Intake.Checked.Candidate candidate -> seed = candidate.request();
        }
        if (!persistent) {
            seedSlots.acquire(); // (a persistent frontier keeps its seeds on disk)
        } else {
            store.seedHost(seed.url());
        }
        Admission a = admitAndQueue(seed);
        if (!persistent && !(a instanceof Admission.Admitted)) {
            seedSlots.release();
        }
        return a;
    }

    @Override
    public List<Admission> offerAll(List<String> rawUrls, CrawlRequest from, Via via, LinkTag tag) {
        return intake.foundAll(
                rawUrls, from, via, tag, store::seenBefore, this::reject, this::admitAndQueue);
    }

    private Admission admitAndQueue(CrawlRequest request) {
        return admitAndQueue(List.of(request)).get(0);
    }

    /**
     * Admits what is new and within budget, and queues it under its host, taking the lock once. An
     * in-memory frontier marks URLs seen before the budget (a URL over budget stays seen); a
     * persistent one admits into the store after the budget, in one write for the batch, because a
     * URL it holds is one the crawl owes.
     */
    private List<Admission> admitAndQueue(List<CrawlRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Admission[] out = new Admission[requests.size()];
        if (scheduler.closed() && !persistent) {
            // (A persistent frontier still takes links found by the last fetches, for the next
            // run: their pages are final, so nobody would find them again.)
            for (int i = 0; i < out.length; i++) {
                out[i] = reject(Rejection.CLOSED, requests.get(i).url().toString());
            }
            return Arrays.asList(out);
        }
        List<CrawlRequest> fresh = new ArrayList<>(requests.size());
        List<String> freshHosts = new ArrayList<>(requests.size());
        List<Integer> slots = new ArrayList<>(requests.size());
        Set<String> inBatch = persistent ? new HashSet<>() : Set.of();
        // the host's key is only needed by the store and the per-host budget
        boolean needsHostKey = persistent || budget.perHost();
        for (int i = 0; i < out.length; i++) {
            CrawlRequest request = requests.get(i);
            String url = request.key();
            String hostKey = needsHostKey ? HostKey.of(request.url()) : "";
            if (persistent ? !inBatch.add(url) : !store.admit(request, hostKey)) {
                out[i] = reject(Rejection.DUPLICATE, url);
                continue;
            }
            Optional<Rejection> over = budget.reserve(hostKey);
            if (over.isPresent()) {
                out[i] = reject(over.get(), url);
                continue;
            }
            fresh.add(request);
            freshHosts.add(hostKey);
            slots.add(i);
        }
        if (persistent) {
            boolean[] isNew = store.admitAll(fresh, freshHosts);
            for (int k = fresh.size() - 1; k >= 0; k--) {
                if (!isNew[k]) {
                    budget.release(freshHosts.get(k));
                    out[slots.get(k)] = reject(Rejection.DUPLICATE, fresh.get(k).url().toString());
                    fresh.remove(k);
                    slots.remove(k);
                }
            }
        }
        if (fresh.isEmpty()) {
            return Arrays.asList(out);
        }
        ledger.admitted(fresh.size());
        boolean queued = scheduler.queue(fresh);
        for (int k = 0; k < fresh.size(); k++) {
            if (queued) {
                out[slots.get(k)] = new Admission.Admitted(fresh.get(k));
            } else {
                // admitted a moment before the close: taken back, so that the ledger never holds
                // a URL that nobody will complete
                ledger.takenBack();
                out[slots.get(k)] = reject(Rejection.CLOSED, fresh.get(k).url().toString());
            }
        }
        return Arrays.asList(out);
    }

    private Admission reject(Rejection reason, String detail) {
        return ledger.reject(reason, detail);
    }

    @Override
    public boolean isSeedOrigin(URI url) {
        return intake.isSeedOrigin(url);
    }

    @Override
    public boolean isSeedHostName(String hostName) {
        return intake.isSeedHostName(hostName);
    }

    // ---- hand-out and feedback: the scheduler's ----------------------------------------------

    @Override
    public boolean retry(CrawlRequest request, Duration delay) {
        if (persistent && !scheduler.closed()) {
            store.retrying(request, System.currentTimeMillis() + Math.max(0, delay.toMillis()));
        }
        return scheduler.retry(request, delay);
    }

    @Override
    public Optional<Task> take() throws InterruptedException {
        return scheduler.take();
    }

    @Override
    public void release(CrawlRequest request, HostFeedback feedback) {
        scheduler.release(request, feedback);
    }

    @Override
    public void robotsResolved(String hostKey, RobotsOutcome outcome, HostFeedback feedback) {
        // Sitemaps are offered outside the scheduler's lock, after the host's URLs may go: till
        // then this counts as work outstanding, or a quick last page could end the crawl first.
        ledger.producerStarted();
        try {
            Optional<HostQueue.Sitemaps> found =
                    scheduler.robotsResolved(hostKey, outcome, feedback);
            found.ifPresent(f -> offerAll(f.urls(), f.from(), Via.SITEMAP));
        } finally {
            ledger.producerFinished();
        }
    }

    // ---- ledger ----------------------------------------------------------------------------

    @Override
    public void complete(CrawlRequest request, Completion completion) {
        if (persistent) {
            store.finished(request, completion);
        }
        ledger.completed(completion.outcome());
    }

    @Override
    public boolean keepsUnfinished() {
        return persistent;
    }

    @Override
    public Optional<PageFacts> lastFetch(URI url) {
        return store.lastFetch(url);
    }

    @Override
    public void producerStarted() {
        ledger.producerStarted();
    }

    @Override
    public void producerFinished() {
        ledger.producerFinished();
    }

    @Override
    public CompletableFuture<Void> idle() {
        return ledger.idle();
    }

    @Override
    public List<CrawlRequest> closeAndDrain() {
        List<CrawlRequest> held = scheduler.closeAndDrain();
        seedSlots.release(SEED_BACKLOG); // wake producers waiting for room: they see closed
        return held;
    }

    @Override
    public FrontierStats stats() {
        HostScheduler.Counts now = scheduler.counts();
        return ledger.stats(now.waiting(), now.retries(), now.hosts());
    }
}
