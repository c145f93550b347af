package dev.crawler.frontier;

import dev.crawler.config.CrawlConfig;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.politeness.HostKey;
import dev.crawler.seed.Seed;
import dev.crawler.url.Rejection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded frontier. Every waiting URL sits in its host's queue (Mercator's back queues,
 * StormCrawler's FetchItemQueues); a timer heap orders hosts by the time they are next ready, and
 * {@link #take()} hands out work from the first ready host, so a slow or throttled host never holds
 * up the others. Retries wait in a second timer heap until due.
 *
 * <p>In memory by default; on a {@link CrawlState}, the seen-set, the host queues' contents,
 * pending retries and the ledger live in the state's store, and each host's queue holds only a
 * window of {@value #WINDOW} URLs in memory, loaded as the host is served.
 *
 * <p>Thread-safety: the seen-set (or the store) and the counters are concurrent; host queues and
 * both heaps are guarded by one {@link ReentrantLock} (not {@code synchronized}, so a waiting
 * virtual thread never pins its carrier), held for queue operations and, with a store, for the
 * short read of a host's next window; the store's writes happen outside it. {@link #take()} waits
 * on a {@link Condition} until the earliest due time; nothing polls.
 */
public final class LocalFrontier implements Frontier {
    /** Most seeds held before their first dispatch; seed producers wait beyond it. */
    static final int SEED_BACKLOG = 10_000;

    private final CrawlConfig config;
    private final Intake intake;
    private final long maxPages;

    /** Most requests of one host loaded from a persistent store at a time. */
    static final int WINDOW = 32;

    private final UrlStore store;
    private final boolean persistent;
    private final long maxPagesPerHost;
    private final Map<String, AtomicLong> admittedPerHost = new ConcurrentHashMap<>();

    /** URLs counted against the page budget: every URL the crawl admitted, in any run. */
    private final AtomicLong budgetUsed = new AtomicLong();

    /** URLs this run is answerable for: admitted in it, or pending when it resumed. */
    private final AtomicLong admitted = new AtomicLong();

    private final LongAdder fetched = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);

    /** Admitted URLs not yet final, plus running producers. */
    private final AtomicLong outstanding = new AtomicLong();

    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private final Semaphore seedSlots = new Semaphore(SEED_BACKLOG);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final HostTable hosts; // guarded by lock
    private final PriorityQueue<Timed<HostQueue>> readyHosts = new PriorityQueue<>(); // guarded
    private final PriorityQueue<Timed<CrawlRequest>> retries = new PriorityQueue<>(); // guarded
    private long sequence; // guarded by lock; FIFO order among equal due times
    private int waitingCount; // guarded by lock
    private long onDiskCount; // guarded by lock; a hint (see HostQueue.onDisk)
    private volatile boolean closed;

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
     * most {@value #WINDOW} of them in memory.
     */
    public LocalFrontier(CrawlConfig config, CrawlState state) {
        this(config, state.store());
    }

    LocalFrontier(CrawlConfig config, UrlStore store) {
        this(config, store, HostTable.Eviction.DEFAULT);
    }

    LocalFrontier(CrawlConfig config, UrlStore store, HostTable.Eviction eviction) {
        this.config = config;
        this.hosts = new HostTable(config, eviction);
        this.store = store;
        this.persistent = store.persistent();
        this.intake = new Intake(config);
        this.maxPages = config.scope().maxPages() == 0 ? Long.MAX_VALUE : config.scope().maxPages();
        this.maxPagesPerHost =
                config.scope().maxPagesPerHost() == 0
                        ? Long.MAX_VALUE
                        : config.scope().maxPagesPerHost();
        for (Rejection r : Rejection.values()) {
            rejected.put(r, new LongAdder());
        }
        if (persistent) {
            resume();
        }
    }

    /** Picks up what the store holds: the seeds' hosts, and every host's pending URLs. */
    private void resume() {
        store.seedHosts().forEach(intake::addSeedHost);
        StateCounts counts = store.counts();
        budgetUsed.set(counts.total());
        admitted.set(counts.pending());
        outstanding.set(counts.pending());
        lock.lock();
        try {
            long now = System.nanoTime();
            store.pendingHosts()
                    .forEach(
                            (key, n) -> {
                                HostQueue host = hosts.of(URI.create(key + "/"), now);
                                host.onDisk += n;
                                onDiskCount += n;
                                schedule(host, now);
                            });
        } finally {
            lock.unlock();
        }
    }

    private record Timed<T>(T item, long dueNanos, long seq) implements Comparable<Timed<T>> {
        @Override
        public int compareTo(Timed<T> o) {
            int c = Long.compare(dueNanos - o.dueNanos, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
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
            seedSlots.acquire(); // a persistent frontier keeps its seeds on disk, not in memory
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
    public Admission offer(String rawUrl, CrawlRequest from, Via via) {
        return offerAll(List.of(rawUrl), from, via).get(0);
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
        if (closed && !persistent) {
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
        boolean needsHostKey = persistent || maxPagesPerHost != Long.MAX_VALUE;
        for (int i = 0; i < out.length; i++) {
            CrawlRequest request = requests.get(i);
            String url = request.key();
            String hostKey = needsHostKey ? HostKey.of(request.url()) : "";
            if (persistent ? !inBatch.add(url) : !store.admit(request, hostKey)) {
                out[i] = reject(Rejection.DUPLICATE, url);
                continue;
            }
            Optional<Rejection> over = reserveBudget(hostKey);
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
                    releaseBudget(freshHosts.get(k));
                    out[slots.get(k)] = reject(Rejection.DUPLICATE, fresh.get(k).url().toString());
                    fresh.remove(k);
                    slots.remove(k);
                }
            }
        }
        if (fresh.isEmpty()) {
            return Arrays.asList(out);
        }
        admitted.addAndGet(fresh.size());
        outstanding.addAndGet(fresh.size());
        lock.lock();
        try {
            if (!closed || persistent) {
                if (!closed) { // (closed and persistent: pending in the store, for the next run)
                    queueAll(fresh);
                }
                for (int k = 0; k < fresh.size(); k++) {
                    out[slots.get(k)] = new Admission.Admitted(fresh.get(k));
                }
                return Arrays.asList(out);
            }
            // Admitted a moment before the close: take the admissions back, so the ledger never
            // holds a URL that nobody will complete.
            for (int k = 0; k < fresh.size(); k++) {
                admitted.decrementAndGet();
                finishOne();
                out[slots.get(k)] = reject(Rejection.CLOSED, fresh.get(k).url().toString());
            }
            return Arrays.asList(out);
        } finally {
            lock.unlock();
        }
    }

    /** Puts newly admitted requests under their hosts (in memory, or as counted on disk). */
    private void queueAll(List<CrawlRequest> fresh) {
        long now = System.nanoTime();
        for (CrawlRequest request : fresh) {
            HostQueue host = hosts.of(request.url(), now);
            if (host.introducedBy.isEmpty()) {
                host.introducedBy = Optional.of(request);
            }
            if (persistent) {
                host.onDisk++; // loaded with the host's window, in admission order
                onDiskCount++;
            } else {
                host.waiting.addLast(request);
                waitingCount++;
            }
            schedule(host, now);
        }
    }

    /** Counts a URL against the page budgets; the reason when a budget is spent. */
    private Optional<Rejection> reserveBudget(String hostKey) {
        if (maxPagesPerHost != Long.MAX_VALUE) {
            long hostBefore =
                    admittedPerHost
                            .computeIfAbsent(hostKey, k -> new AtomicLong())
                            .getAndUpdate(n -> n < maxPagesPerHost ? n + 1 : n);
            if (hostBefore >= maxPagesPerHost) {
                return Optional.of(Rejection.HOST_BUDGET);
            }
        }
        long before = budgetUsed.getAndUpdate(n -> n < maxPages ? n + 1 : n);
        if (before >= maxPages) {
            if (maxPagesPerHost != Long.MAX_VALUE) {
                admittedPerHost.get(hostKey).decrementAndGet();
            }
            return Optional.of(Rejection.OVER_BUDGET);
        }
        return Optional.empty();
    }

    private void releaseBudget(String hostKey) {
        budgetUsed.decrementAndGet();
        if (maxPagesPerHost != Long.MAX_VALUE) {
            admittedPerHost.get(hostKey).decrementAndGet();
        }
    }

    private Admission reject(Rejection reason, String detail) {
        rejected.get(reason).increment();
        return new Admission.Rejected(reason, detail);
    }

    @Override
    public boolean isSeedOrigin(URI url) {
        return intake.isSeedOrigin(url);
    }

    @Override
    public boolean isSeedHostName(String hostName) {
        return intake.isSeedHostName(hostName);
    }

    // ---- hand-out --------------------------------------------------------------------------

    @Override
    public boolean retry(CrawlRequest request, Duration delay) {
        long due = System.nanoTime() + Math.max(0, delay.toNanos());
        if (persistent && !closed) {
            store.retrying(request, System.currentTimeMillis() + Math.max(0, delay.toMillis()));
        }
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            retries.add(new Timed<>(request, due, sequence++));
            hosts.of(request.url(), System.nanoTime()).retriesWaiting++; // kept till it is back
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Task> take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    return Optional.empty();
                }
                long now = System.nanoTime();
                while (!retries.isEmpty() && retries.peek().dueNanos() - now <= 0) {
                    CrawlRequest r = retries.poll().item();
                    HostQueue host = hosts.of(r.url(), now);
                    host.retriesWaiting = Math.max(0, host.retriesWaiting - 1);
                    host.waiting.addLast(r); // behind its host's fresh URLs, as Heritrix does
                    waitingCount++;
                    schedule(host, now);
                }
                while (!readyHosts.isEmpty() && readyHosts.peek().dueNanos() - now <= 0) {
                    Timed<HostQueue> entry = readyHosts.poll();
                    HostQueue host = entry.item();
                    if (host.scheduledDue != entry.dueNanos()) {
                        continue; // stale: the host was rescheduled since
                    }
                    host.scheduledDue = HostQueue.UNSCHEDULED;
                    Optional<Task> task = dispatch(host, now);
                    schedule(host, now);
                    if (task.isPresent()) {
                        return task;
                    }
                }
                long wake = Long.MAX_VALUE;
                if (!readyHosts.isEmpty()) wake = readyHosts.peek().dueNanos() - now;
                if (!retries.isEmpty()) wake = Math.min(wake, retries.peek().dueNanos() - now);
                if (wake == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(wake);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next task of a host that is due; empty if it turned out to have none. */
    private Optional<Task> dispatch(HostQueue host, long now) {
        if (host.waiting.isEmpty() && host.onDisk > 0) {
            load(host, now);
        }
        if (host.waiting.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> gaveUp = host.robots.gaveUp();
        if (gaveUp.isPresent()) {
            return Optional.of(new Task.Drop(dequeue(host), Outcome.FAILED, gaveUp.get()));
        }
        if (host.robots.fetching()) {
            return Optional.empty();
        }
        if (host.robots.needsFetch(now)) {
            host.started(now);
            return Optional.of(host.robots.start(host.key));
        }
        if (!host.headAllowed()) {
            return Optional.of(
                    new Task.Drop(dequeue(host), Outcome.SKIPPED, "disallowed by robots.txt"));
        }
        if (host.inFlight >= host.maxConcurrency) {
            return Optional.empty();
        }
        host.started(now);
        return Optional.of(new Task.Fetch(dequeue(host)));
    }

    /**
     * Loads the next window of a host's pending URLs from the store (under the lock: a short
     * in-process database read). URLs whose retry is not due yet wait in the retry heap.
     */
    private void load(HostQueue host, long now) {
        List<UrlStore.StoredRequest> rows = store.pending(host.key, host.loadedUpTo, WINDOW);
        long nowMillis = System.currentTimeMillis();
        for (UrlStore.StoredRequest row : rows) {
            host.loadedUpTo = Math.max(host.loadedUpTo, row.id());
            long waitMillis = row.notBeforeEpochMillis() - nowMillis;
            if (waitMillis > 0) {
                retries.add(new Timed<>(row.request(), now + waitMillis * 1_000_000L, sequence++));
            } else {
                host.waiting.addLast(row.request());
                waitingCount++;
            }
        }
        // Fewer than asked: nothing more is on disk (admissions after the read count anew).
        long left = rows.size() < WINDOW ? 0 : Math.max(1, host.onDisk - rows.size());
        onDiskCount -= host.onDisk - left;
        host.onDisk = left;
    }

    private CrawlRequest dequeue(HostQueue host) {
        CrawlRequest r = host.waiting.pollFirst();
        waitingCount--;
        if (!persistent && r.parent().isEmpty() && r.attempt() == 1) {
            seedSlots.release(); // a seed left the backlog
        }
        return r;
    }

    /** (Re)places the host in the ready heap at the time it can next give a task. */
    private void schedule(HostQueue host, long now) {
        long due = host.readyAt(now);
        if (due == HostQueue.UNSCHEDULED) {
            host.scheduledDue = HostQueue.UNSCHEDULED;
            return;
        }
        if (host.scheduledDue == due) {
            return;
        }
        host.scheduledDue = due;
        readyHosts.add(new Timed<>(host, due, sequence++));
        changed.signal();
    }

    // ---- feedback --------------------------------------------------------------------------

    @Override
    public void release(CrawlRequest request, HostFeedback feedback) {
        lock.lock();
        try {
            Optional<HostQueue> found = hosts.get(HostKey.of(request.url()));
            if (found.isEmpty()) {
                return;
            }
            HostQueue host = found.get();
            long now = System.nanoTime();
            host.ended(now, host.delay.update(feedback, host.maxConcurrency, now));
            schedule(host, now);
            hosts.evictIdle(now);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void robotsResolved(String hostKey, RobotsOutcome outcome, HostFeedback feedback) {
        List<String> sitemaps = List.of();
        Optional<URI> robotsUrl = Optional.empty();
        Optional<CrawlRequest> introducedBy = Optional.empty();
        lock.lock();
        try {
            Optional<HostQueue> found = hosts.get(hostKey);
            if (found.isEmpty()) {
                return;
            }
            HostQueue host = found.get();
            long now = System.nanoTime();
            RobotsGate.Learned learned =
                    host.robots.resolve(outcome, config.politeness(), config.retry(), now);
            host.rulesChanged();
            learned.crawlDelay()
                    .ifPresent(
                            d -> {
                                // Crawl-delay: one request at a time, this far apart (capped)
                                host.delay.raiseFloor(d);
                                host.maxConcurrency = 1;
                            });
            if (!learned.sitemaps().isEmpty()) {
                sitemaps = learned.sitemaps();
                robotsUrl = Optional.of(host.robots.robotsUrl());
                introducedBy = host.introducedBy;
            }
            host.ended(now, host.delay.update(feedback, host.maxConcurrency, now));
            schedule(host, now);
        } finally {
            lock.unlock();
        }
        // Sitemaps named in robots.txt enter as found by the request that brought the host in
        // (depth, depth limit and group), outside the lock.
        if (robotsUrl.isPresent()) {
            URI robots = robotsUrl.get();
            CrawlRequest from =
                    introducedBy
                            .map(r -> r.robotsOrigin(robots))
                            .orElseGet(() -> CrawlRequest.seed(robots));
            for (String sitemap : sitemaps) {
                offer(sitemap, from, Via.SITEMAP);
            }
        }
    }

    // ---- ledger ----------------------------------------------------------------------------

    @Override
    public void complete(CrawlRequest request, Completion completion) {
        if (persistent) {
            store.finished(request, completion);
        }
        switch (completion.outcome()) {
            case FETCHED -> fetched.increment();
            case FAILED -> failed.increment();
            case SKIPPED -> skipped.increment();
        }
        finishOne();
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
        outstanding.incrementAndGet();
    }

    @Override
    public void producerFinished() {
        finishOne();
    }

    private void finishOne() {
        long left = outstanding.decrementAndGet();
        if (left == 0) {
            idle.complete(null);
        } else if (left < 0) {
            throw new IllegalStateException("more completions than admissions: " + left);
        }
    }

    @Override
    public CompletableFuture<Void> idle() {
        return idle;
    }

    @Override
    public List<CrawlRequest> closeAndDrain() {
        lock.lock();
        try {
            closed = true;
            List<CrawlRequest> held = new ArrayList<>();
            for (HostQueue host : hosts.all()) {
                held.addAll(host.waiting.drain());
            }
            while (!retries.isEmpty()) {
                held.add(retries.poll().item());
            }
            readyHosts.clear();
            waitingCount = 0;
            onDiskCount = 0; // kept in the store for the next run
            changed.signalAll();
            seedSlots.release(SEED_BACKLOG); // wake producers waiting for room: they see closed
            return held;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public FrontierStats stats() {
        long waitingNow;
        int retriesNow;
        int hostsNow;
        lock.lock();
        try {
            waitingNow = waitingCount + onDiskCount;
            retriesNow = retries.size();
            hostsNow = hosts.size();
        } finally {
            lock.unlock();
        }
        Map<Rejection, Long> r = new EnumMap<>(Rejection.class);
        rejected.forEach((k, v) -> r.put(k, v.sum()));
        return new FrontierStats(
                admitted.get(),
                fetched.sum(),
                failed.sum(),
                skipped.sum(),
                waitingNow,
                retriesNow,
                hostsNow,
                r);
    }
}
