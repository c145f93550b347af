package dev.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The body as received, whatever length the response states and however it arrives. */
class BodyCollectorTest {
    /** Feeds {@code body} in random pieces, as the client does; what the collector made of it. */
    private static BodyCollector.Body collect(byte[] body, long limit, long stated, Random r)
            throws Exception {
        BodyCollector c = new BodyCollector(limit, Optional.empty(), stated);
        boolean[] cancelled = {false};
        c.onSubscribe(
                new Flow.Subscription() {
                    @Override
                    public void request(long n) {}

                    @Override
                    public void cancel() {
                        cancelled[0] = true;
                    }
                });
        int at = 0;
        while (at < body.length && !cancelled[0]) {
            List<ByteBuffer> items = new ArrayList<>();
            for (int k = 1 + r.nextInt(3); k > 0 && at < body.length; k--) {
                int n = Math.min(body.length - at, 1 + r.nextInt(9000));
                items.add(ByteBuffer.wrap(body, at, n));
                at += n;
            }
            c.onNext(items);
        }
        c.onComplete();
        return c.getBody().toCompletableFuture().get();
    }

    @Test
    void keepsEveryByteWhetherTheStatedLengthIsRightShortLongOrMissing() throws Exception {
        Random r = new Random(11);
        for (int round = 0; round < 400; round++) {
            byte[] body = new byte[round < 5 ? round : r.nextInt(200_000)];
            r.nextBytes(body);
            long[] stated = {body.length, 0, body.length / 2, body.length + 1000, 1L << 40};
            long s = stated[round % stated.length];
            BodyCollector.Body got = collect(body, 1 << 20, s, r);
            assertThat(got.bytes()).as("round %d, stated %d", round, s).isEqualTo(body);
            assertThat(got.truncated()).isFalse();
        }
    }

    @Test
    void aLimitCutsTheBody() throws Exception {
        Random r = new Random(5);
        byte[] body = new byte[150_000];
        r.nextBytes(body);
        for (long stated : new long[] {0, 1000, body.length}) {
            BodyCollector.Body got = collect(body, 70_000, stated, r);
            assertThat(got.bytes()).isEqualTo(Arrays.copyOf(body, 70_000));
            assertThat(got.truncated()).isTrue();
        }
    }
}
