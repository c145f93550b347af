package dev.crawler.fetch;

import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;

/**
 * Puts {@link GuardedResolver} in front of the JDK's resolver for the whole JVM (found through
 * {@code META-INF/services}); it changes nothing until {@link GuardedResolver#install} is called.
 */
public final class GuardedResolverProvider extends InetAddressResolverProvider {
    /** Called by the JDK's service loader. */
    public GuardedResolverProvider() {}

    @Override
    public InetAddressResolver get(Configuration configuration) {
        GuardedResolver.builtinIs(configuration.builtinResolver());
        return new GuardedResolver(configuration.builtinResolver());
    }

    @Override
    public String name() {
        return "crawler-ssrf-guard";
    }
}
