package dev.crawler.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** What kind of failure an exception of the HTTP client is. Stateless. */
final class Failures {
    private Failures() {}

    /**
     * A failure's kind and message.
     *
     * @param unexpected whether the exception is none the client is known to throw
     */
    record Failure(FetchError kind, String message, boolean unexpected) {}

    /**
     * The failure {@code cause} (unwrapped from the future's wrappers) is.
     *
     * @throws VirtualMachineError when the cause is one (out of memory while receiving: not the
     *     server's fault, nor to be retried)
     */
    static Failure of(Throwable cause, Duration fetchTimeout) {
        Throwable t = cause;
        while ((t instanceof ExecutionException || t instanceof CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof HttpConnectTimeoutException) {
            return new Failure(FetchError.CONNECT_TIMEOUT, message, false);
        }
        if (t instanceof HttpTimeoutException) {
            return new Failure(
                    FetchError.TIMEOUT,
                    "no response headers within " + fetchTimeout.toMillis() + " ms",
                    false);
        }
        if (t instanceof ConnectException) {
            return new Failure(FetchError.CONNECT, message, false);
        }
        if (t instanceof UnknownHostException) {
            return new Failure(FetchError.UNKNOWN_HOST, message, false);
        }
        if (t instanceof SSLException) {
            return new Failure(FetchError.TLS, message, false);
        }
        if (t instanceof IOException) {
            return new Failure(FetchError.IO, message, false);
        }
        if (t instanceof IllegalArgumentException) {
            return new Failure(FetchError.INVALID_REQUEST, message, false);
        }
        return new Failure(FetchError.IO, message, true);
    }
}
