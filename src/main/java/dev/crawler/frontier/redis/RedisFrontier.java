package dev.crawler.frontier.redis;

import dev.crawler.config.CrawlConfig;
import dev.crawler.config.FrontierChoice;
import dev.crawler.fetch.Permits;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.Completion;
import dev.crawler.frontier.CrawlRequest;
import dev.crawler.frontier.FrontierStats;
import dev.crawler.frontier.FrontierUnavailableException;
import dev.crawler.frontier.Intake;
import dev.crawler.frontier.LinkTag;
import dev.crawler.frontier.RequestCodec;
import dev.crawler.frontier.RobotsOutcome;
import dev.crawler.frontier.SharedFrontier;
import dev.crawler.frontier.Task;
import dev.crawler.frontier.Via;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.politeness.HostKey;
import dev.crawler.seed.Seed;
import dev.crawler.url.Rejection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A frontier shared by every crawler process started with the same Redis URL and crawl name. The
 * seen-set, each host's queue (a sorted set by priority, then admission order), each host's slots
 * and next allowed time, pending retries, leases, producers and the ledger live in Redis, and every
 * change is one Lua script, atomic on the server (see {@code src/main/resources/.../redis/}).
 *
 * <p>A process claims a URL under a lease ({@code lease-time}), renewed every third of it while the
 * process lives; when a process dies, its leases expire and the next claim by any process puts
 * their URLs back at the head of their hosts' queues (at least once, never lost). Politeness holds
 * across processes: a host's concurrency and next allowed time are checked and taken in the claim
 * script, with the Redis server's clock. The crawl ends for everyone when no admitted URL is
 * outstanding and no producer (seed source) is live; producers are leased too, so a dead process
 * cannot hold the crawl open.
 *
 * <p>Each process fetches and keeps its own robots.txt of a host, and its own adaptive delay, which
 * it writes back to the host's record with each release.
 *
 * <p>Thread-safety: every method may be called from any thread. Redis does the shared work; this
 * process's leases are a concurrent map; the per-host robots state and the hand-out's wake-up
 * counter are guarded by one {@link ReentrantLock} (never held across a Redis call), and {@link
 * #take()} waits on its {@link Condition} until an event from Redis, a local change, or the next
 * due time (at most {@value #MAX_WAIT_MILLIS} ms, a safety net for a missed message).
 */
public final class RedisFrontier implements SharedFrontier {
    private static final Logger LOG = LoggerFactory.getLogger(RedisFrontier.class);

    /** Longest wait of the hand-out before it asks Redis again, event or not. */
    static final long MAX_WAIT_MILLIS = 500;

    /** Priorities are clamped to this range (scores stay exact in Lua's doubles). */
    static final int MAX_PRIORITY = 10_000;

    private static final int POOL_SIZE = 64;
    private static final int REDIS_TIMEOUT_MILLIS = 10_000;

    private final CrawlConfig config;
    private final Scripts scripts;
    private final Intake intake;
    private final String leaseMillis;
    private final String processId = UUID.randomUUID().toString();
    private final AtomicLong producerSeq = new AtomicLong();
    private final Deque<String> producers = new ConcurrentLinkedDeque<>();
    private final Map<String, Lease> leases = new ConcurrentHashMap<>(); // by URL
    private final Set<String> hostsChecked = ConcurrentHashMap.newKeySet(); // see checkSeedHost
    private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private final ScheduledExecutorService heartbeat;
    private final Events events;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final HostStates hosts; // guarded by lock
    private long signals; // guarded by lock: bumped by every event and local change
    private final Deque<Scripts.Claimed> claimed = new ArrayDeque<>(); // guarded by lock

    private volatile boolean closed;
    private volatile boolean disconnected;
    private volatile FrontierStats lastStats = new FrontierStats(0, 0, 0, 0, 0, 0, 0, Map.of());

    /** Most URLs claimed in one call; they wait here, leased, for the hand-out. */
    static final int CLAIM_BATCH = 16;

    /**
     * A claim this process holds: the lease's id in Redis, the URL's host, and, once its fetch
     * ended, what to tell the host's record when the URL is completed or retried (one call).
     */
    private record Lease(String id, String host, Optional<Hold> hold) {
        Lease(String id, String host) {
            this(id, host, Optional.empty());
        }

        /** The script arguments for the hold: ms, delay ms, concurrency (0: unchanged). */
        List<String> holdArgs() {
            return hold.map(
                            h ->
                                    List.of(
                                            String.valueOf(h.holdMillis()),
                                            String.valueOf(h.delayMillis()),
                                            String.valueOf(h.concurrency())))
                    .orElse(List.of("-", "0", "0"));
        }
    }

    /** How long the host is to be left alone after a fetch, its delay, and its concurrency. */
    private record Hold(long holdMillis, long delayMillis, int concurrency) {}

    /**
     * Connects to the Redis of {@code config.frontier()} and joins the crawl {@code
     * config.crawlName()}, creating it if it does not exist yet.
     *
     * @throws IllegalStateException when Redis cannot be reached
     */
    public static RedisFrontier connect(CrawlConfig config) {
        FrontierChoice.Shared shared =
                config.shared()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no shared frontier configured"));
        URI uri = URI.create(shared.url());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMaxWait(Duration.ofMillis(REDIS_TIMEOUT_MILLIS));
        UnifiedJedis redis;
        try {
            redis =
                    "redis-cluster".equals(uri.getScheme())
                            ? new JedisCluster(
                                    new HostAndPort(uri.getHost(), port(uri)),
                                    REDIS_TIMEOUT_MILLIS,
                                    REDIS_TIMEOUT_MILLIS,
                                    5,
                                    pool)
                            : new JedisPooled(pool, uri, REDIS_TIMEOUT_MILLIS);
        } catch (JedisException e) {
            throw new IllegalStateException(
                    "cannot reach the shared frontier at " + redacted(uri) + ": " + e.getMessage(),
                    e);
        }
        try {
            redis.ping();
        } catch (JedisException e) {
            redis.close();
            throw new IllegalStateException(
                    "cannot reach the shared frontier at " + redacted(uri) + ": " + e.getMessage(),
                    e);
        }
        return new RedisFrontier(config, new Scripts(redis, shared.crawlName(), redacted(uri)));
    }

    RedisFrontier(CrawlConfig config, Scripts scripts) {
        this.config = config;
        this.hosts = new HostStates(config, HostStates.KEEP);
        this.scripts = scripts;
        this.intake = new Intake(config);
        Duration lease = config.shared().orElseThrow().leaseTime();
        this.leaseMillis = String.valueOf(lease.toMillis());
        for (Rejection r : Rejection.values()) {
            rejected.put(r, new LongAdder());
        }
        loadSeedHosts();
        this.events = new Events(scripts.redis(), scripts.prefix() + "events", this::signal);
        this.heartbeat =
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("redis-leases").factory());
        long every = Math.max(100, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? 6379 : uri.getPort();
    }

    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }

    /**
     * Adds {@code hostKey} to the scope if another process gave a seed on it: one {@code SISMEMBER}
     * the first time a host outside the known seeds' is claimed (with {@code --any-host} most hosts
     * are), not a reload of every seed host per URL.
     */
    private void checkSeedHost(String hostKey) {
        if (scripts.guarded(
                () -> scripts.redis().sismember(scripts.prefix() + "seedhosts", hostKey))) {
            intake.addSeedHost(URI.create(hostKey + "/"));
        }
    }

    /** The hosts of every seed given to this crawl so far, by any process. */
    private void loadSeedHosts() {
        Set<String> keys =
                scripts.guarded(() -> scripts.redis().smembers(scripts.prefix() + "seedhosts"));
        for (String key : keys) {
            intake.addSeedHost(URI.create(key + "/"));
        }
    }

    // ---- admission -------------------------------------------------------------------------

    @Override
    public Admission admitSeed(Seed seed) {
        int p = Math.clamp(seed.priority(), -MAX_PRIORITY, MAX_PRIORITY);
        return switch (intake.seed(seed, p)) {
            case Intake.Checked.Refused refused -> reject(refused.reason(), refused.detail());
            case Intake.Checked.Candidate candidate ->
                    admit(List.of(candidate.request()), HostKey.of(candidate.request().url()))
                            .get(0);
        };
    }

    @Override
    public Optional<String> cookies() {
        try {
            return Optional.ofNullable(scripts.redis().get(scripts.prefix() + "cookies"));
        } catch (JedisException e) {
            throw new FrontierUnavailableException("cannot read the shared cookies: " + e, e);
        }
    }

    @Override
    public void keepCookies(String cookiesTxt) {
        try {
            scripts.redis().set(scripts.prefix() + "cookies", cookiesTxt);
        } catch (JedisException e) {
            LOG.warn("Cannot keep the cookies in the shared frontier: {}", e.toString());
        }
    }

    @Override
    public Admission offer(String rawUrl, CrawlRequest from, Via via) {
        return offerAll(List.of(rawUrl), from, via).get(0);
    }

    @Override
    public List<Admission> offerAll(List<String> rawUrls, CrawlRequest from, Via via, LinkTag tag) {
        LinkTag t = tag.withPriority(Math.clamp(tag.priority(), -MAX_PRIORITY, MAX_PRIORITY));
        return intake.foundAll(
                rawUrls,
                from,
                via,
                t,
                key -> false, // Redis answers at admission, for the batch
                this::reject,
                candidates -> admit(candidates, ""));
    }

    /** Admits a batch in one script: seen-set, budgets, host queues and ledger together. */
    private List<Admission> admit(List<CrawlRequest> requests, String seedHost) {
        if (requests.isEmpty()) {
            return List.of();
        }
        if (disconnected) {
            return requests.stream()
                    .map(r -> reject(Rejection.CLOSED, r.url().toString()))
                    .toList();
        }
        List<String> args = new ArrayList<>(4 + requests.size() * 4);
        args.add(String.valueOf(config.scope().maxPages()));
        args.add(String.valueOf(config.scope().maxPagesPerHost()));
        args.add(String.valueOf(config.politeness().hostConcurrency()));
        args.add(seedHost);
        for (CrawlRequest r : requests) {
            args.add(r.key()); // the seen-set's member: a POST's has its body's digest
            args.add(HostKey.of(r.url()));
            args.add(String.valueOf(r.priority()));
            args.add(RequestCodec.encode(r));
        }
        List<Object> codes = Scripts.list(scripts.call("admit", args));
        List<Admission> out = new ArrayList<>(requests.size());
        boolean any = false;
        for (int i = 0; i < requests.size(); i++) {
            String url = requests.get(i).url().toString();
            long code = (Long) codes.get(i);
            out.add(
                    switch ((int) code) {
                        case 1 -> new Admission.Admitted(requests.get(i));
                        case 2 -> reject(Rejection.OVER_BUDGET, url);
                        case 3 -> reject(Rejection.HOST_BUDGET, url);
                        default -> reject(Rejection.DUPLICATE, url);
                    });
            any |= code == 1;
        }
        if (any) {
            signal();
        }
        return out;
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
    public Optional<Task> take() throws InterruptedException {
        while (true) {
            long seen;
            Scripts.Claimed next;
            lock.lockInterruptibly();
            try {
                if (closed) {
                    return Optional.empty();
                }
                seen = signals;
                next = claimed.pollFirst();
            } finally {
                lock.unlock();
            }
            if (next != null) {
                Optional<Task> task = handOut(next);
                if (task.isPresent()) {
                    return task;
                }
                continue;
            }
            long waitMillis;
            switch (scripts.claim(leaseMillis, CLAIM_BATCH)) {
                case Scripts.ClaimReply.Leased leased -> {
                    keepClaimed(leased.claims());
                    continue;
                }
                case Scripts.ClaimReply.Nothing nothing -> {
                    if (nothing.crawlOver()) {
                        idle.complete(null);
                    }
                    waitMillis =
                            nothing.dueMillis() < 0
                                    ? MAX_WAIT_MILLIS
                                    : Math.clamp(
                                            nothing.dueMillis() - nothing.nowMillis(),
                                            1,
                                            MAX_WAIT_MILLIS);
                }
            }
            lock.lockInterruptibly();
            try {
                if (!closed && signals == seen) {
                    changed.await(waitMillis, TimeUnit.MILLISECONDS);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Keeps the URLs of a claim reply, leased, for the hand-out. */
    private void keepClaimed(List<Scripts.Claimed> claims) {
        lock.lock();
        try {
            for (Scripts.Claimed c : claims) {
                claimed.addLast(c);
                // leased from now: renewed and, at a stop, put back
                leases.put(RequestCodec.decodeKey(c.encoded()), new Lease(c.leaseId(), c.host()));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Turns a claimed URL into a task, or holds it while its host's robots.txt is fetched. */
    private Optional<Task> handOut(Scripts.Claimed claim) {
        CrawlRequest request = RequestCodec.decode(claim.encoded());
        String hostKey = claim.host();
        if (!intake.isSeedHost(request.url()) && hostsChecked.add(hostKey)) {
            checkSeedHost(hostKey); // a seed another process gave: its host is in scope here too
        }
        if (!config.politeness().respectRobots()) {
            return Optional.of(new Task.Fetch(request));
        }
        lock.lock();
        try {
            return host(hostKey).handOut(request, hostKey, System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    private HostState host(String hostKey) {
        return hosts.of(hostKey);
    }

    @Override
    public boolean retry(CrawlRequest request, Duration delay) {
        if (closed) {
            return false; // the lease goes back to the queue when this frontier closes
        }
        Lease lease = leases.remove(request.key());
        if (lease != null) {
            List<String> args = new ArrayList<>(6);
            args.add(lease.id());
            args.add(String.valueOf(Math.max(0, delay.toMillis())));
            args.add(RequestCodec.encode(request));
            args.addAll(lease.holdArgs());
            scripts.call("retry", args);
        }
        return true;
    }

    // ---- feedback --------------------------------------------------------------------------

    /**
     * Learns from the fetch's answer now, and tells Redis with the URL's completion or retry, in
     * the same script: one round trip less per page. The host's slot is freed then, a parse later
     * than the answer, which only errs on the polite side.
     */
    @Override
    public void release(CrawlRequest request, HostFeedback feedback) {
        String url = request.key();
        Lease lease = leases.get(url);
        if (lease == null) {
            return;
        }
        Hold hold;
        lock.lock();
        try {
            HostState host = host(lease.host());
            long holdNanos = host.delay.update(feedback, host.maxConcurrency, System.nanoTime());
            hold =
                    new Hold(
                            TimeUnit.NANOSECONDS.toMillis(holdNanos),
                            TimeUnit.NANOSECONDS.toMillis(host.delay.currentNanos()),
                            host.maxConcurrency == config.politeness().hostConcurrency()
                                    ? 0
                                    : host.maxConcurrency);
        } finally {
            lock.unlock();
        }
        leases.computeIfPresent(url, (k, l) -> new Lease(l.id(), l.host(), Optional.of(hold)));
    }

    private void releaseSlot(String leaseId, long holdNanos, long delayNanos, int maxConcurrency) {
        scripts.call(
                "release",
                leaseId,
                String.valueOf(TimeUnit.NANOSECONDS.toMillis(holdNanos)),
                String.valueOf(TimeUnit.NANOSECONDS.toMillis(delayNanos)),
                String.valueOf(
                        maxConcurrency == config.politeness().hostConcurrency()
                                ? 0
                                : maxConcurrency));
        signal();
    }

    @Override
    public void robotsResolved(String hostKey, RobotsOutcome outcome, HostFeedback feedback) {
        HostState.Resolved resolved;
        lock.lock();
        try {
            resolved = host(hostKey).resolve(outcome, feedback, config, System.nanoTime());
        } finally {
            lock.unlock();
        }
        List<String> ids = new ArrayList<>(resolved.waiting().size());
        for (CrawlRequest r : resolved.waiting()) {
            Lease lease = leases.remove(r.key());
            if (lease != null) {
                ids.add(lease.id());
            }
        }
        if (!ids.isEmpty() && !offline()) {
            // The first claim's slot carried the robots.txt fetch; then every claim goes back.
            releaseSlot(
                    ids.get(0),
                    resolved.holdNanos(),
                    resolved.delayNanos(),
                    resolved.maxConcurrency());
            unclaim(ids);
        }
        // the sitemaps count depth, depth limit and group from a request that waited for them
        CrawlRequest from =
                resolved.waiting().isEmpty()
                        ? CrawlRequest.seed(resolved.robotsUrl())
                        : resolved.waiting().get(0).robotsOrigin(resolved.robotsUrl());
        for (String sitemap : resolved.sitemaps()) {
            offer(sitemap, from, Via.SITEMAP);
        }
    }

    private void unclaim(List<String> ids) {
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add("0");
        args.addAll(ids);
        scripts.call("unclaim", args);
        signal();
    }

    // ---- ledger ----------------------------------------------------------------------------

    @Override
    public void complete(CrawlRequest request, Completion completion) {
        String url = request.key();
        Lease lease = leases.remove(url);
        if (lease == null) {
            LOG.warn("Completed {} without a lease", url);
            return;
        }
        String field =
                switch (completion.outcome()) {
                    case FETCHED -> "fetched";
                    case FAILED -> "failed";
                    case SKIPPED -> "skipped";
                };
        List<String> args = new ArrayList<>(7);
        args.addAll(List.of(lease.id(), field, url, completion.detail()));
        args.addAll(lease.holdArgs());
        long left = (Long) scripts.call("finish", args);
        if (left < 0) {
            LOG.warn("The lease on {} had expired: the copy put back will complete it", url);
        } else if (left == 0) {
            signal();
        }
    }

    @Override
    public boolean keepsUnfinished() {
        return true;
    }

    @Override
    public void producerStarted() {
        String id = processId + "/" + producerSeq.incrementAndGet();
        producers.push(id);
        scripts.call("producer", "start", id, leaseMillis);
    }

    @Override
    public void producerFinished() {
        String id = producers.poll();
        if (id != null && !offline()) {
            scripts.call("producer", "finish", id, leaseMillis);
            signal();
        }
    }

    @Override
    public CompletableFuture<Void> idle() {
        return idle;
    }

    /**
     * Extends this process's leases and producers, and refreshes the ledger's snapshot; runs every
     * third of the lease time.
     */
    private void renew() {
        if (offline()) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(leaseMillis);
        List<String> live = List.copyOf(producers);
        args.add(String.valueOf(live.size()));
        args.addAll(live);
        leases.values().forEach(l -> args.add(l.id()));
        try {
            long lost = (Long) scripts.call("renew", args);
            if (lost > 0) {
                LOG.warn("{} leases had expired before their renewal", lost);
            }
            stats(); // a recent snapshot, should Redis go away
        } catch (FrontierUnavailableException | JedisException e) {
            LOG.warn("Cannot renew leases: {}", e.getMessage());
        }
    }

    /** Closed, or Redis found unreachable: no more calls. */
    private boolean offline() {
        return disconnected || scripts.broken();
    }

    private void signal() {
        lock.lock();
        try {
            signals++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- end -------------------------------------------------------------------------------

    /**
     * Stops handing out, and puts the URLs held here for a robots.txt back in their queues. Nothing
     * is held in this process's memory otherwise: the list is always empty.
     */
    @Override
    public List<CrawlRequest> closeAndDrain() {
        List<CrawlRequest> held = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            for (HostState host : hosts.all()) {
                held.addAll(host.awaitingRobots);
                host.awaitingRobots.clear();
            }
            claimed.forEach(c -> held.add(RequestCodec.decode(c.encoded())));
            claimed.clear();
            signals++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        List<String> ids = new ArrayList<>();
        for (CrawlRequest r : held) {
            Lease lease = leases.remove(r.key());
            if (lease != null) {
                ids.add(lease.id());
            }
        }
        if (!ids.isEmpty() && !offline()) {
            unclaim(ids);
        }
        return List.of();
    }

    /**
     * Leaves the shared crawl: the URLs this process still holds (fetches cut short by a stop) go
     * back to their queues for the other processes, its producers end, and the connection closes.
     * Does nothing the second time.
     */
    @Override
    public void close() {
        if (disconnected) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            if (scripts.broken()) {
                LOG.warn(
                        "The shared frontier is unreachable: the {} URLs held here go back to"
                                + " their queues when their leases expire",
                        leases.size());
                return;
            }
            closeAndDrain();
            List<String> ids = leases.values().stream().map(Lease::id).toList();
            if (!ids.isEmpty()) {
                LOG.info("Returning {} unfinished URLs to the shared frontier", ids.size());
                unclaim(ids);
            }
            leases.clear();
            while (!producers.isEmpty()) {
                producerFinished();
            }
            stats(); // kept as the last snapshot
        } finally {
            disconnected = true;
            events.close();
            scripts.redis().close();
        }
    }

    /**
     * The shared crawl's ledger (every process's work), with this process's rejections. After
     * {@link #close()}, the last snapshot.
     */
    @Override
    public FrontierStats stats() {
        if (offline()) {
            return lastStats;
        }
        List<Object> v;
        try {
            v = Scripts.list(scripts.call("stats"));
        } catch (FrontierUnavailableException e) {
            return lastStats;
        }
        Map<Rejection, Long> r = new EnumMap<>(Rejection.class);
        rejected.forEach((k, n) -> r.put(k, n.sum()));
        lastStats =
                new FrontierStats(
                        (Long) v.get(0),
                        (Long) v.get(1),
                        (Long) v.get(2),
                        (Long) v.get(3),
                        (Long) v.get(5),
                        (Long) v.get(6),
                        (Long) v.get(7),
                        r);
        return lastStats;
    }

    /** Where the shared frontier lives, without credentials: {@code redis://HOST:PORT/DB}. */
    public String where() {
        return scripts.where();
    }

    /**
     * Calls {@code action} with each URL of the crawl that failed for good and its reason (the
     * crawl's dead letters, from every process).
     */
    public void forEachFailed(BiConsumer<String, String> action) {
        String key = scripts.prefix() + "failed";
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String at = cursor;
            ScanResult<Map.Entry<String, String>> page =
                    scripts.guarded(
                            () -> scripts.redis().hscan(key, at, new ScanParams().count(500)));
            page.getResult().forEach(e -> action.accept(e.getKey(), e.getValue()));
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    /**
     * A rate limit shared by every process of the crawl: one request per {@code 1 /
     * requestsPerSecond} across all of them, reserved in Redis (see {@link SharedRateLimit}).
     */
    public Permits sharedRateLimit(double requestsPerSecond) {
        return new SharedRateLimit(scripts, requestsPerSecond);
    }
}
