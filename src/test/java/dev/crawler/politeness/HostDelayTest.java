package dev.crawler.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostDelayTest {
    private static final long MS = 1_000_000L;

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
                        2);
        assertThat(d.currentNanos()).isEqualTo(500 * MS); // doubled, at least 500 ms
        assertThat(hold).isEqualTo(7_000 * MS);
        d.update(answered(429, 5), 2);
        assertThat(d.currentNanos()).isEqualTo(1_000 * MS);
        d.update(new HostFeedback.NoAnswer(Duration.ofSeconds(30)), 2);
        assertThat(d.currentNanos()).isEqualTo(2_000 * MS);
    }

    @Test
    void healthyAnswersBringItBackSlowlyButNeverBelowTheFloor() {
        HostDelay d = new HostDelay(Duration.ofMillis(100), Duration.ofSeconds(60), true);
        d.update(answered(503, 5), 1);
        d.update(answered(503, 5), 1); // 1000 ms
        d.update(answered(200, 0), 1);
        assertThat(d.currentNanos()).isEqualTo(500 * MS); // halfway to the target
        d.update(answered(200, 0), 1);
        assertThat(d.currentNanos()).isEqualTo(250 * MS);
        for (int i = 0; i < 20; i++) d.update(answered(200, 0), 1);
        assertThat(d.currentNanos()).isEqualTo(100 * MS); // the floor
    }

    @Test
    void risingLatencyRaisesTheDelayAndErrorsNeverLowerIt() {
        HostDelay d = new HostDelay(Duration.ZERO, Duration.ofSeconds(60), true);
        d.update(answered(200, 800), 2); // target 400 ms, halfway from 0
        assertThat(d.currentNanos()).isEqualTo(200 * MS);
        d.update(answered(500, 0), 2); // would lower it: an error does not
        assertThat(d.currentNanos()).isEqualTo(200 * MS);
    }

    @Test
    void withoutAdaptationOnlyOverloadMovesIt() {
        HostDelay d = new HostDelay(Duration.ofMillis(50), Duration.ofSeconds(60), false);
        d.update(answered(200, 5_000), 1);
        assertThat(d.currentNanos()).isEqualTo(50 * MS);
        d.update(answered(503, 5), 1);
        assertThat(d.currentNanos()).isEqualTo(500 * MS);
    }

    @Test
    void theCeilingAndARaisedFloorBoundIt() {
        HostDelay d = new HostDelay(Duration.ZERO, Duration.ofSeconds(1), true);
        for (int i = 0; i < 10; i++) d.update(answered(503, 5), 1);
        assertThat(d.currentNanos()).isEqualTo(1_000 * MS);
        HostDelay crawlDelayed = new HostDelay(Duration.ZERO, Duration.ofSeconds(60), true);
        crawlDelayed.raiseFloor(Duration.ofSeconds(2));
        crawlDelayed.update(answered(200, 0), 1);
        assertThat(crawlDelayed.currentNanos()).isEqualTo(2_000 * MS);
    }
}
