package dev.crawler.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.request.CrawlRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostWaitingTest {
    private static CrawlRequest request(String path, int priority, int depth) {
        CrawlRequest r =
                CrawlRequest.seed(URI.create("http://a.test" + path)).withPriority(priority);
        for (int i = 0; i < depth; i++) {
            r = r.child(r.url()).withPriority(priority);
        }
        return r;
    }

    private static List<String> drainInOrder(HostWaiting w) {
        List<String> out = new ArrayList<>();
        while (!w.isEmpty()) {
            out.add(w.pollFirst().url().getPath());
        }
        return out;
    }

    @Test
    void higherPriorityFirstThenLowerDepthThenFirstCome() {
        HostWaiting w = new HostWaiting();
        w.addLast(request("/deep", 0, 3));
        w.addLast(request("/first", 0, 1));
        w.addLast(request("/second", 0, 1));
        w.addLast(request("/urgent", 5, 4));
        w.addLast(request("/retry", 0, 1)); // a retry queues behind the fresh URLs of its rank

        assertThat(w.peekFirst().url().getPath()).isEqualTo("/urgent");
        assertThat(drainInOrder(w))
                .containsExactly("/urgent", "/first", "/second", "/retry", "/deep");
    }

    @Test
    void aLowPriorityUrlIsNotStarvedByAStreamOfHighOnes() {
        HostWaiting w = new HostWaiting();
        w.addLast(request("/low", 0, 0));
        int handedOut = 0;
        String got = "";
        // a thousand high-priority URLs keep arriving, one per hand-out
        for (int i = 0; i < 1000 && !got.equals("/low"); i++) {
            w.addLast(request("/high" + i, 10, 0));
            got = w.pollFirst().url().getPath();
            handedOut++;
        }
        assertThat(got).isEqualTo("/low");
        assertThat(handedOut).isLessThanOrEqualTo(HostWaiting.AGING_EVERY);
    }

    @Test
    void drainReturnsWhatWasNotHandedOut() {
        HostWaiting w = new HostWaiting();
        for (int i = 0; i < 10; i++) {
            w.addLast(request("/p" + i, i % 3, 0));
        }
        w.pollFirst();
        w.pollFirst();
        assertThat(w.size()).isEqualTo(8);
        assertThat(w.drain()).hasSize(8);
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.pollFirst()).isNull();
    }
}
