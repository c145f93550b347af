package dev.crawler.fetch;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
    private final Optional<ByteBudget.Lease> lease;

    /**
     * The first bytes of the body, in an array sized from its {@code Content-Length} (up to 64 KiB,
     * so that a stated length costs little before it is counted): most pages fit, and are then held
     * in this one array without a copy.
     */
    private byte[] first;

    /** What follows, chunk by chunk: no growing array that holds up to twice the body. */
    private final List<byte[]> chunks = new ArrayList<>();

    private int size;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private boolean done;

    BodyCollector(long limit) {
        this(limit, Optional.empty(), 0);
    }

    /**
     * A collector whose bytes are counted against {@code lease}: the next chunk is asked for only
     * once the last one fits the budget, so a body waiting for room holds no more than it has.
     */
    BodyCollector(long limit, Optional<ByteBudget.Lease> lease, long statedLength) {
        this.lease = lease;
        this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        this.first = new byte[(int) Math.max(0, Math.min(statedLength, presizeLimit(this.limit)))];
    }

    /** Bodies of errors and redirects are read up to this much, so the connection can be reused. */
    private static final int SMALL_BODY_LIMIT = 64 * 1024;

    /** The most bytes presized from a stated length, within {@code limit}. */
    private static int presizeLimit(int limit) {
        return Math.min(limit, 64 * 1024);
    }

    /**
     * The collector of a response: a 2xx body {@code spec} wants up to its limit (counted against
     * its lease), another 2xx body not at all, an error's or a redirect's up to 64 KiB.
     */
    static BodyCollector of(HttpResponse.ResponseInfo info, FetchSpec spec) {
        int status = info.statusCode();
        if (status >= 200 && status < 300) {
            String type = ContentTypes.header(info.headers(), "Content-Type");
            return spec.anyContentType() || ContentTypes.isHtml(type)
                    ? new BodyCollector(spec.maxBytes(), spec.lease(), statedLength(info))
                    : discarding();
        }
        return new BodyCollector(SMALL_BODY_LIMIT);
    }

    /** The {@code Content-Length} a response states, 0 when none or not a number. */
    private static long statedLength(HttpResponse.ResponseInfo info) {
        String stated = ContentTypes.header(info.headers(), "Content-Length");
        try {
            return stated.isEmpty() ? 0 : Long.parseLong(stated);
        } catch (NumberFormatException e) {
            return 0;
        }
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
        long received = 0;
        for (ByteBuffer b : items) {
            int n = Math.min(limit - size, b.remaining());
            int intoFirst = Math.max(0, Math.min(n, first.length - size));
            if (intoFirst > 0) {
                b.get(first, size, intoFirst);
            }
            if (n > intoFirst) {
                byte[] chunk = new byte[n - intoFirst];
                b.get(chunk);
                chunks.add(chunk);
            }
            size += n;
            received += n;
            if (b.hasRemaining()) {
                done = true;
                subscription.cancel();
                Body body = new Body(bytes(), true);
                whenCounted(received, () -> result.complete(body));
                return;
            }
        }
        Flow.Subscription s = subscription;
        whenCounted(received, () -> s.request(1));
    }

    /** Runs {@code then} once {@code bytes} more are counted against the lease (now without). */
    private void whenCounted(long bytes, Runnable then) {
        if (lease.isPresent()) {
            lease.get().reserveThen(bytes, then);
        } else {
            then.run();
        }
    }

    /** The chunks in one array; they are dropped, so the body is held once from then on. */
    private byte[] bytes() {
        if (chunks.isEmpty()) {
            return size == first.length ? first : Arrays.copyOf(first, size);
        }
        byte[] all = new byte[size];
        System.arraycopy(first, 0, all, 0, first.length);
        int at = first.length;
        first = new byte[0];
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        chunks.clear();
        return all;
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
            result.complete(new Body(bytes(), false));
        }
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    private void finish(boolean truncated) {
        done = true;
        subscription.cancel();
        result.complete(new Body(bytes(), truncated));
    }
}
