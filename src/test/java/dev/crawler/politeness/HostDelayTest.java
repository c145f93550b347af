package dev.crawler.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostDelayTest {
    private static final long MS = 1_000_000L;
    private long clock;

    /** A clock a minute further on at each call: every update is a new period. */
    private long later() {
        clock += 60_000 * MS;
        return clock;
    }

    private static HostFeedback answered(int status, long latencyMs) {
        return new HostFeedback.Answered(status, Duration.ofMillis(latencyMs), Optional.empty());
    }

    @Test
    void overloadDoublesTheDelayAndRetryAfterHoldsTheHostLonger() {
        HostDelay d = new HostDelay(Duration.ofMillis(100), Duration.ofSeconds(60), true);
        long hold =
                d.update(
                        new HostFeedback.Answered(
                                503, Duration.ofMillis(5), Optional.of(Duration.ofSeconds(7))),
                        2,
                        later());
        assertThat(d.currentNanos()).isEqualTo(500 * MS); // doubled, at least 500 ms
        assertThat(hold).isEqualTo(7_000 * MS);
        d.update(answered(429, 5), 2, later());
        assertThat(d.currentNanos()).isEqualTo(1_000 * MS);
        d.update(refused("/a"), 2, later());
        assertThat(d.currentNanos()).isEqualTo(2_000 * MS);
    }

    private static HostFeedback timedOut(String url) {
        return new HostFeedback.NoAnswer(Duration.ofSeconds(30), false, url);
    }

    private static HostFeedback refused(String url) {
        return new HostFeedback.NoAnswer(Duration.ofMillis(1), true, url);
    }

    @Test
    void oneHangingUrlDoesNotSlowTheHostButFailuresAcrossUrlsDo() {
        HostDelay d = new HostDelay(Duration.ofMillis(200), Duration.ofSeconds(60), true);
        for (int i = 0; i < 5; i++) {
            d.update(timedOut("/hangs"), 1, later()); // the same URL, again and again
            d.update(answered(200, 10), 1, later());
        }
        assertThat(d.currentNanos()).isEqualTo(200 * MS); // before: doubled up to the ceiling
        d.update(timedOut("/a"), 1, later());
        d.update(timedOut("/b"), 1, later());
        assertThat(d.currentNanos()).isEqualTo(200 * MS);
        d.update(timedOut("/c"), 1, later()); // three different URLs in a row: the host
        assertThat(d.currentNanos()).isEqualTo(500 * MS);
    }

    @Test
    void aRaisedDelayComesBackDownWithoutAdaptationToo() {
        HostDelay d = new HostDelay(Duration.ofMillis(100), Duration.ofSeconds(60), false);
        d.update(answered(503, 5), 1, later());
        d.update(answered(503, 5), 1, later());
        assertThat(d.currentNanos()).isEqualTo(1_000 * MS);
        d.update(answered(200, 5), 1, later());
        assertThat(d.currentNanos()).isEqualTo(500 * MS);
        for (int i = 0; i < 10; i++) d.update(answered(200, 5), 1, later());
        assertThat(d.currentNanos()).isEqualTo(100 * MS);
    }

    @Test
    void healthyAnswersBringItBackSlowlyButNeverBelowTheFloor() {
        HostDelay d = new HostDelay(Duration.ofMillis(100), Duration.ofSeconds(60), true);
        d.update(answered(503, 5), 1, later());
        d.update(answered(503, 5), 1, later()); // 1000 ms
        d.update(answered(200, 0), 1, later());
        assertThat(d.currentNanos()).isEqualTo(500 * MS); // halfway to the target
        d.update(answered(200, 0), 1, later());
        assertThat(d.currentNanos()).isEqualTo(250 * MS);
        for (int i = 0; i < 20; i++) d.update(answered(200, 0), 1, later());
        assertThat(d.currentNanos()).isEqualTo(100 * MS); // the floor
    }

    @Test
    void risingLatencyRaisesTheDelayAndErrorsNeverLowerIt() {
        HostDelay d = new HostDelay(Duration.ZERO, Duration.ofSeconds(60), true);
        for (int i = 0; i < 10; i++) d.update(answered(200, 10), 2, later());
        assertThat(d.currentNanos()).isZero(); // its usual pace
        d.update(answered(200, 800), 2, later()); // slower than usual: target 400 ms
        assertThat(d.currentNanos()).isEqualTo(200 * MS); // halfway from 0
        d.update(answered(500, 0), 2, later()); // would lower it: an error does not
        assertThat(d.currentNanos()).isEqualTo(200 * MS);
    }

    @Test
    void aHealthyHostIsNotSlowedForItsLatencyAlone() {
        // before: 64 requests in flight to a host answering in 50 ms spaced them 0.8 ms apart
        // (latency / concurrency), which capped one's own site well below what it can serve
        HostDelay d = new HostDelay(Duration.ZERO, Duration.ofSeconds(60), true);
        long[] latencies = {50, 52, 61, 55, 70, 50, 66, 58, 51, 75, 54, 60};
        for (int round = 0; round < 20; round++) {
            for (long ms : latencies) d.update(answered(200, ms), 64, later());
        }
        assertThat(d.currentNanos()).isZero();
        // a host that answers in 2 s from the start is far away, not overloaded: the floor holds
        HostDelay far = new HostDelay(Duration.ofMillis(250), Duration.ofSeconds(60), true);
        for (int i = 0; i < 50; i++) far.update(answered(200, 2_000), 2, later());
        assertThat(far.currentNanos()).isEqualTo(250 * MS);
        // the same host growing slow under load is slowed: latency / concurrency
        for (int i = 0; i < 50; i++) far.update(answered(200, 8_000), 2, later());
        assertThat(far.currentNanos()).isGreaterThan(3_000 * MS);
    }

    @Test
    void aBurstOfErrorsDoublesTheDelayOnlyOncePerPeriod() {
        HostDelay d = new HostDelay(Duration.ZERO, Duration.ofSeconds(60), true);
        long now = 0;
        for (int i = 0; i < 100; i++) {
            d.update(answered(503, 5), 100, now + i * MS); // 100 answers within 100 ms
        }
        assertThat(d.currentNanos()).isEqualTo(500 * MS);
        d.update(answered(503, 5), 100, now + 600 * MS); // a period later: a new signal
        assertThat(d.currentNanos()).isEqualTo(1_000 * MS);
    }

    @Test
    void withoutAdaptationOnlyOverloadMovesIt() {
        HostDelay d = new HostDelay(Duration.ofMillis(50), Duration.ofSeconds(60), false);
        d.update(answered(200, 5_000), 1, later());
        assertThat(d.currentNanos()).isEqualTo(50 * MS);
        d.update(answered(503, 5), 1, later());
        assertThat(d.currentNanos()).isEqualTo(500 * MS);
    }

    @Test
    void theCeilingAndARaisedFloorBoundIt() {
        HostDelay d = new HostDelay(Duration.ZERO, Duration.ofSeconds(1), true);
        for (int i = 0; i < 10; i++) d.update(answered(503, 5), 1, later());
        assertThat(d.currentNanos()).isEqualTo(1_000 * MS);
        HostDelay crawlDelayed = new HostDelay(Duration.ZERO, Duration.ofSeconds(60), true);
        crawlDelayed.raiseFloor(Duration.ofSeconds(2));
        crawlDelayed.update(answered(200, 0), 1, later());
        assertThat(crawlDelayed.currentNanos()).isEqualTo(2_000 * MS);
    }
}
