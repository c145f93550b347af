package dev.crawler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FetcherScalerTest {
    private static FetcherScaler.Sample sample(int fetchers, int busy, int queued, double cpu) {
        return new FetcherScaler.Sample(fetchers, busy, queued, 100, cpu);
    }

    @Test
    void aDeepQueueWithEveryFetcherBusyDoublesAfterTwoSamples() {
        FetcherScaler s = new FetcherScaler(5, 1000);
        assertThat(s.decide(sample(5, 5, 50, 0.2))).isEqualTo(5);
        assertThat(s.decide(sample(5, 5, 50, 0.2))).isEqualTo(10);
        assertThat(s.decide(sample(10, 10, 90, 0.2))).isEqualTo(10);
        assertThat(s.decide(sample(10, 10, 90, 0.2))).isEqualTo(20);
    }

    @Test
    void itNeverGrowsPastTheMaximumNorWhenTheCpuIsBusyNorWhenFetchersIdle() {
        FetcherScaler s = new FetcherScaler(5, 12);
        s.decide(sample(10, 10, 100, 0.1));
        assertThat(s.decide(sample(10, 10, 100, 0.1))).isEqualTo(12);

        FetcherScaler cpuBound = new FetcherScaler(5, 100);
        for (int i = 0; i < 10; i++) {
            assertThat(cpuBound.decide(sample(5, 5, 100, 0.95))).isEqualTo(5);
        }
        FetcherScaler idle = new FetcherScaler(5, 100);
        for (int i = 0; i < 10; i++) {
            // a deep queue but fetchers not busy: something else limits the crawl
            assertThat(idle.decide(sample(20, 3, 100, 0.1))).isEqualTo(20);
        }
    }

    @Test
    void anEmptyQueueWithIdleFetchersShrinksByAQuarterAfterFourSamplesDownToTheMinimum() {
        FetcherScaler s = new FetcherScaler(5, 1000);
        int n = 40;
        int decisions = 0;
        while (n > 5) {
            n = s.decide(sample(n, 0, 0, 0.1));
            decisions++;
        }
        assertThat(n).isEqualTo(5);
        // 40 → 30 → 23 → 18 → 14 → 11 → 9 → 7 → 6 → 5: nine steps of four samples each
        assertThat(decisions).isEqualTo(4 * 9);
    }

    @Test
    void aSampleThatBreaksTheStreakStartsTheCountAgain() {
        FetcherScaler s = new FetcherScaler(5, 1000);
        s.decide(sample(10, 10, 100, 0.1));
        s.decide(sample(10, 10, 0, 0.1)); // queue drained once: no streak
        assertThat(s.decide(sample(10, 10, 100, 0.1))).isEqualTo(10);
        assertThat(s.decide(sample(10, 10, 100, 0.1))).isEqualTo(20);
    }
}
