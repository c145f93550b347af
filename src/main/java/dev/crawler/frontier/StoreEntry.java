package dev.crawler.frontier;

import static dev.crawler.frontier.StoreCodec.bytes;
import static dev.crawler.frontier.StoreCodec.optional;
import static dev.crawler.frontier.StoreCodec.put;
import static dev.crawler.frontier.StoreCodec.string;

import dev.crawler.request.Completion.Validators;
import dev.crawler.request.CrawlRequest;
import dev.crawler.request.Outcome;
import dev.crawler.request.PageFacts;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What the crawl state's {@code urls} family holds per URL: its state (pending or final), admission
 * id, host, depth, kind, attempts, last status and reason, cache validators, the request as first
 * asked for, and what its page showed. Immutable.
 */
record StoreEntry(
        byte state,
        long id,
        String host,
        int depth,
        CrawlRequest.Kind kind,
        int attempt,
        int status,
        String detail,
        Validators validators,
        Optional<String> request,
        Optional<PageFacts> facts) {
    /**
     * A newly admitted URL; its request (in {@link RequestCodec}'s form) is kept so that a recrawl
     * asks for it again as it was first asked for: parent, label, user data.
     */
    static StoreEntry pending(long id, String host, CrawlRequest r) {
        return new StoreEntry(
                RocksStore.PENDING,
                id,
                host,
                r.depth(),
                r.kind(),
                1,
                0,
                "",
                r.validators(),
                Optional.of(RequestCodec.encode(r.withAttempt(1))),
                Optional.empty());
    }

    StoreEntry withAttempt(int n) {
        return new StoreEntry(
                state, id, host, depth, kind, n, status, detail, validators, request, facts);
    }

    StoreEntry withFacts(Optional<PageFacts> f) {
        return new StoreEntry(
                state, id, host, depth, kind, attempt, status, detail, validators, request, f);
    }

    StoreEntry finished(
            byte newState,
            int attempts,
            int newStatus,
            String why,
            Validators v,
            Optional<PageFacts> f) {
        return new StoreEntry(
                newState, id, host, depth, kind, attempts, newStatus, why, v, request, f);
    }

    /**
     * Reads an entry as {@link #encode()} wrote it (or as states written before requests and page
     * facts were kept: they end early).
     *
     * @throws RuntimeException when the bytes are not an entry
     */
    static StoreEntry decode(byte[] value) {
        {
            ByteBuffer in = ByteBuffer.wrap(value);
            byte state = in.get();
            long id = in.getLong();
            String host = string(in);
            int depth = in.getInt();
            CrawlRequest.Kind kind = CrawlRequest.Kind.values()[in.get()];
            int attempt = in.getInt();
            int status = in.getInt();
            String detail = string(in);
            Validators validators = new Validators(optional(string(in)), optional(string(in)));
            // entries of states written before requests and page facts were kept end here
            Optional<String> request = in.hasRemaining() ? optional(string(in)) : Optional.empty();
            Optional<PageFacts> facts =
                    in.hasRemaining() && in.get() == 1
                            ? Optional.of(new PageFacts(string(in), string(in), in.getInt()))
                            : Optional.empty();
            return new StoreEntry(
                    state,
                    id,
                    host,
                    depth,
                    kind,
                    attempt,
                    status,
                    detail,
                    validators,
                    request,
                    facts);
        }
    }

    /** The bytes the {@code urls} family keeps. */
    byte[] encode() {
        StoreEntry e = this;
        byte[] host = bytes(e.host());
        byte[] detail = bytes(e.detail());
        byte[] etag = bytes(e.validators().etag().orElse(""));
        byte[] modified = bytes(e.validators().lastModified().orElse(""));
        byte[] request = bytes(e.request().orElse(""));
        byte[] title = bytes(e.facts().map(PageFacts::title).orElse(""));
        byte[] type = bytes(e.facts().map(PageFacts::contentType).orElse(""));
        ByteBuffer out =
                ByteBuffer.allocate(
                        1
                                + 8
                                + 4
                                + host.length
                                + 4
                                + 1
                                + 4
                                + 4
                                + 4
                                + detail.length
                                + 4
                                + etag.length
                                + 4
                                + modified.length
                                + 4
                                + request.length
                                + 1
                                + (e.facts().isPresent()
                                        ? 4 + title.length + 4 + type.length + 4
                                        : 0));
        out.put(e.state()).putLong(e.id());
        put(out, host);
        out.putInt(e.depth()).put((byte) e.kind().ordinal()).putInt(e.attempt());
        out.putInt(e.status());
        put(out, detail);
        put(out, etag);
        put(out, modified);
        put(out, request);
        out.put((byte) (e.facts().isPresent() ? 1 : 0));
        if (e.facts().isPresent()) {
            put(out, title);
            put(out, type);
            out.putInt(e.facts().get().links());
        }
        return out.array();
    }

    /** The state byte of a URL that ended with {@code outcome}. */
    static byte stateOf(Outcome outcome) {
        return switch (outcome) {
            case FETCHED -> RocksStore.FETCHED;
            case FAILED -> RocksStore.FAILED;
            case SKIPPED -> RocksStore.SKIPPED;
        };
    }
}
