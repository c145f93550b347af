package dev.crawler.frontier.redis;

import dev.crawler.config.CrawlConfig;
import dev.crawler.frontier.Admission;
import dev.crawler.frontier.Intake;
import dev.crawler.frontier.RequestCodec;
import dev.crawler.politeness.HostKey;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.LinkTag;
import dev.crawler.request.Via;
import dev.crawler.seed.Seed;
import dev.crawler.url.Rejection;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admission to the shared crawl: this process's scope and normalization ({@link Intake}), then one
 * script per batch that checks the seen-set and the budgets and queues what is new under its host,
 * for every process at once. Counts this process's refusals.
 *
 * <p>Thread-safe: the intake and the counters are concurrent; Redis does the rest atomically.
 */
final class SharedAdmission {
    /** Priorities are clamped to this range (scores stay exact in Lua's doubles). */
    static final int MAX_PRIORITY = 10_000;

    private final CrawlConfig config;
    private final Scripts scripts;
    private final Intake intake;
    private final Runnable admittedSome;
    private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);
    private final Set<String> hostsChecked = ConcurrentHashMap.newKeySet(); // see checkSeedHost
    private volatile boolean offline;

    /** Admission to the crawl of {@code scripts}; {@code admittedSome} runs after new URLs. */
    SharedAdmission(CrawlConfig config, Scripts scripts, Runnable admittedSome) {
        this.config = config;
        this.scripts = scripts;
        this.intake = new Intake(config);
        this.admittedSome = admittedSome;
        for (Rejection r : Rejection.values()) {
            rejected.put(r, new LongAdder());
        }
        // the hosts of every seed given to this crawl so far, by any process
        Set<String> keys =
                scripts.guarded(() -> scripts.redis().smembers(scripts.prefix() + "seedhosts"));
        for (String key : keys) {
            intake.addSeedHost(URI.create(key + "/"));
        }
    }

    Admission seed(Seed seed) {
        int p = Math.clamp(seed.priority(), -MAX_PRIORITY, MAX_PRIORITY);
        return switch (intake.seed(seed, p)) {
            case Intake.Checked.Refused refused -> reject(refused.reason(), refused.detail());
            case Intake.Checked.Candidate candidate ->
                    admit(List.of(candidate.request()), HostKey.of(candidate.request().url()))
                            .get(0);
        };
    }

    List<Admission> found(List<String> rawUrls, CrawlRequest from, Via via, LinkTag tag) {
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

    /** No more calls to Redis: everything is refused as closed. */
    void offline() {
        offline = true;
    }

    /** Admits a batch in one script: seen-set, budgets, host queues and ledger together. */
    private List<Admission> admit(List<CrawlRequest> requests, String seedHost) {
        if (requests.isEmpty()) {
            return List.of();
        }
        if (offline) {
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
            admittedSome.run();
        }
        return out;
    }

    private Admission reject(Rejection reason, String detail) {
        rejected.get(reason).increment();
        return new Admission.Rejected(reason, detail);
    }

    /** This process's refusals, by reason. */
    Map<Rejection, Long> rejected() {
        Map<Rejection, Long> r = new EnumMap<>(Rejection.class);
        rejected.forEach((k, n) -> r.put(k, n.sum()));
        return r;
    }

    /**
     * Adds the host of a claimed URL to the scope if another process gave a seed on it: one {@code
     * SISMEMBER} the first time a host outside the known seeds' is claimed (with {@code --any-host}
     * most hosts are), not a reload of every seed host per URL.
     */
    void claimed(CrawlRequest request, String hostKey) {
        if (!intake.isSeedHost(request.url())
                && hostsChecked.add(hostKey)
                && scripts.guarded(
                        () -> scripts.redis().sismember(scripts.prefix() + "seedhosts", hostKey))) {
            intake.addSeedHost(URI.create(hostKey + "/"));
        }
    }

    boolean isSeedOrigin(URI url) {
        return intake.isSeedOrigin(url);
    }

    boolean isSeedHostName(String hostName) {
        return intake.isSeedHostName(hostName);
    }
}
