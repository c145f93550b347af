package dev.crawler.frontier.redis;

import dev.crawler.config.CrawlConfig;
import dev.crawler.config.FrontierChoice;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.FrontierStats;
import dev.crawler.frontier.FrontierUnavailableException;
import dev.crawler.frontier.RequestCodec;
import dev.crawler.frontier.RobotsOutcome;
import dev.crawler.frontier.SharedFrontier;
import dev.crawler.frontier.Task;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.politeness.Permits;
import dev.crawler.request.Completion;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.LinkTag;
import dev.crawler.request.Via;
import dev.crawler.seed.Seed;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Thread-safety: every method may be called from any thread. Redis does the shared work;
 * admission is {@link SharedAdmission}'s, the hand-out {@link ClaimLoop}'s, what a fetch's end
 * tells Redis {@link Settlement}'s, each with its own thread-safety; the per-host robots.txt states
 * are {@link HostStates}', behind its lock.
 */
public final class RedisFrontier implements SharedFrontier {
    private static final Logger LOG = LoggerFactory.getLogger(RedisFrontier.class);

    private final CrawlConfig config;
    private final Scripts scripts;
    private final Leases leases;
    private final SharedAdmission admission;
    private final ClaimLoop claims;
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private final Events events;
    private final HostStates hosts;
    private final Settlement settlement;

    private volatile boolean disconnected;
    private volatile FrontierStats lastStats = new FrontierStats(0, 0, 0, 0, 0, 0, 0, Map.of());

    /**
     * Connects to the Redis of the configuration's shared frontier and joins its crawl, creating it
     * if it does not exist yet.
     *
     * @throws IllegalStateException when Redis cannot be reached
     */
    public static RedisFrontier connect(CrawlConfig config) {
        Optional<FrontierChoice.Shared> shared = config.shared();
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("no shared frontier configured");
        }
        return new RedisFrontier(config, RedisConnection.open(shared.get()));
    }

    RedisFrontier(CrawlConfig config, Scripts scripts) {
        this.config = config;
        this.scripts = scripts;
        this.hosts = new HostStates(config, HostStates.KEEP);
        Duration lease = config.shared().orElseThrow().leaseTime();
        this.leases = new Leases(lease.toMillis());
        this.claims = new ClaimLoop(scripts, leases, idle);
        this.admission = new SharedAdmission(config, scripts, claims::signal);
        this.settlement = new Settlement(config, scripts, leases, hosts, claims, this::offline);
        this.events = new Events(scripts.redis(), scripts.prefix() + "events", claims::signal);
        leases.renewEveryThird(this::renew);
    }

    // ---- admission: SharedAdmission's ---------------------------------------------------------

    @Override
    public Admission admitSeed(Seed seed) {
        return admission.seed(seed);
    }

    @Override
    public List<Admission> offerAll(List<String> rawUrls, CrawlRequest from, Via via, LinkTag tag) {
        return admission.found(rawUrls, from, via, tag);
    }

    @Override
    public boolean isSeedOrigin(URI url) {
        return admission.isSeedOrigin(url);
    }

    @Override
    public boolean isSeedHostName(String hostName) {
        return admission.isSeedHostName(hostName);
    }

    @Override
    public Optional<String> cookies() {
        return scripts.cookies();
    }

    @Override
    public void keepCookies(String cookiesTxt) {
        scripts.keepCookies(cookiesTxt);
    }

    // ---- hand-out ----------------------------------------------------------------------------

    @Override
    public Optional<Task> take() throws InterruptedException {
        return claims.take(this::handOut);
    }

    /** Turns a claimed URL into a task, or holds it while its host's robots.txt is fetched. */
    private Optional<Task> handOut(Scripts.Claimed claim) {
        CrawlRequest request = RequestCodec.decode(claim.encoded());
        admission.claimed(request, claim.host()); // another process's seed: in scope here too
        if (!config.politeness().respectRobots()) {
            return Optional.of(new Task.Fetch(request));
        }
        return hosts.apply(claim.host(), h -> h.handOut(request, claim.host(), System.nanoTime()));
    }

    @Override
    public boolean retry(CrawlRequest request, Duration delay) {
        return settlement.retry(request, delay);
    }

    // ---- feedback: Settlement's --------------------------------------------------------------

    @Override
    public void release(CrawlRequest request, HostFeedback feedback) {
        settlement.release(request, feedback);
    }

    @Override
    public void robotsResolved(String hostKey, RobotsOutcome outcome, HostFeedback feedback) {
        settlement.robotsResolved(
                hostKey, outcome, feedback, (url, from) -> offer(url, from, Via.SITEMAP));
    }

    // ---- ledger ----------------------------------------------------------------------------

    @Override
    public void complete(CrawlRequest request, Completion completion) {
        settlement.complete(request, completion);
    }

    @Override
    public boolean keepsUnfinished() {
        return true;
    }

    @Override
    public void producerStarted() {
        leases.startProducer(scripts);
    }

    @Override
    public void producerFinished() {
        if (leases.finishProducer(scripts, offline())) {
            claims.signal();
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
        if (!offline() && leases.renew(scripts)) {
            stats(); // a recent snapshot, should Redis go away
        }
    }

    /** Closed, or Redis found unreachable: no more calls. */
    private boolean offline() {
        return disconnected || scripts.broken();
    }

    /**
     * Stops handing out, and puts the URLs held here for a robots.txt back in their queues. Nothing
     * is held in this process's memory otherwise: the list is always empty.
     */
    @Override
    public List<CrawlRequest> closeAndDrain() {
        List<CrawlRequest> held = new ArrayList<>();
        claims.close().forEach(c -> held.add(RequestCodec.decode(c.encoded())));
        held.addAll(hosts.drainAwaitingRobots());
        List<String> ids = leases.removeAll(held);
        if (!ids.isEmpty() && !offline()) {
            settlement.unclaim(ids);
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
        leases.stopRenewing();
        try {
            if (scripts.broken()) {
                LOG.warn(
                        "The shared frontier is unreachable: the {} URLs held here go back to"
                                + " their queues when their leases expire",
                        leases.size());
                return;
            }
            closeAndDrain();
            List<String> ids = leases.removeEvery();
            if (!ids.isEmpty()) {
                LOG.info("Returning {} unfinished URLs to the shared frontier", ids.size());
                settlement.unclaim(ids);
            }
            while (leases.producersLive()) {
                producerFinished();
            }
            stats(); // kept as the last snapshot
        } finally {
            disconnected = true;
            admission.offline();
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
        try {
            lastStats = scripts.stats(admission.rejected());
        } catch (FrontierUnavailableException e) {
            // Redis went away: the last snapshot stands
        }
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
        scripts.forEachFailed(action);
    }

    /**
     * A rate limit shared by every process of the crawl: one request per {@code 1 /
     * requestsPerSecond} across all of them, reserved in Redis (see {@link SharedRateLimit}).
     */
    public Permits sharedRateLimit(double requestsPerSecond) {
        return new SharedRateLimit(scripts, requestsPerSecond);
    }
}
