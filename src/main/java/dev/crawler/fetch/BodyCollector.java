package dev.crawler.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte limit, then cancels the download: a huge body never
 * occupies more than the limit. With a limit of zero it cancels at once (an unwanted body).
 *
 * <p>Thread-safety: the HTTP client calls the subscriber methods serially, as the Flow contract
 * requires; the result is published through a {@link CompletableFuture}.
 */
final class BodyCollector implements BodySubscriber<BodyCollector.Body> {

    /** Bytes as received (still encoded) and whether the limit cut them short. */
    record Body(byte[] bytes, boolean truncated) {}

    private final int limit;
    private final ByteArrayOutputStream buffer;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private boolean done;

    BodyCollector(long limit) {
        this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        this.buffer = new ByteArrayOutputStream(Math.min(this.limit, 16 * 1024));
    }

    /** A subscriber that downloads nothing. */
    static BodyCollector discarding() {
        return new BodyCollector(0);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (limit == 0) {
            finish(true);
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (done) {
            return;
        }
        for (ByteBuffer b : items) {
            int room = limit - buffer.size();
            int n = Math.min(room, b.remaining());
            byte[] chunk = new byte[n];
            b.get(chunk);
            buffer.write(chunk, 0, n);
            if (b.hasRemaining()) {
                finish(true);
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        done = true;
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        if (!done) {
            done = true;
            result.complete(new Body(buffer.toByteArray(), false));
        }
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    private void finish(boolean truncated) {
        done = true;
        subscription.cancel();
        result.complete(new Body(buffer.toByteArray(), truncated));
    }
}
