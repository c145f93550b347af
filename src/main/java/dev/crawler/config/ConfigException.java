package dev.crawler.config;

import java.io.Serial;

/** A configuration file or value that cannot be used; the message names the key and the fix. */
public final class ConfigException extends Exception {
    @Serial private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names the offending key. */
    public ConfigException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
