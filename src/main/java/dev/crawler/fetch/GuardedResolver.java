package dev.crawler.fetch;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The SSRF guard where the address is actually chosen: the JVM's name resolver (JEP 418), so a name
 * that answers a public address to the guard's check and an internal one when the HTTP client
 * connects (DNS rebinding) is refused at the second answer too. Until {@link #install} it only
 * passes lookups through to the JDK's own resolver. Registered for the whole JVM by {@link
 * GuardedResolverProvider}, as the JDK's resolver SPI is: so its policy is JVM-wide state, the one
 * exception to the rule, installed by the command line and the service, and by a library user who
 * wants it ({@code GuardedResolver.install(crawler::exemptsHost)}). Thread-safe: the policy is one
 * volatile reference.
 */
public final class GuardedResolver implements InetAddressResolver {
    private static volatile Optional<Predicate<String>> exempt = Optional.empty();
    private static volatile Optional<InetAddressResolver> builtin = Optional.empty();

    private final InetAddressResolver delegate;

    /** A resolver over {@code delegate}, which answers the lookups this one vets. */
    public GuardedResolver(InetAddressResolver delegate) {
        this.delegate = requireNonNull(delegate, "delegate");
    }

    /**
     * From now on, a name that is not exempt and resolves to an internal address (loopback,
     * private, link-local, ... as {@link AddressGuard} judges) does not resolve, in this whole JVM.
     *
     * @param exemptHost the names that may resolve anywhere: the seeds' hosts, the crawl's Redis
     */
    public static void install(Predicate<String> exemptHost) {
        exempt = Optional.of(requireNonNull(exemptHost, "exemptHost"));
    }

    /** Lookups pass through unvetted again. */
    public static void uninstall() {
        exempt = Optional.empty();
    }

    /**
     * What the JDK's own resolver answers for {@code host}, unvetted and uncached: for {@link
     * AddressGuard} to name the address a refused lookup pointed to. Empty when the name does not
     * resolve, or before the JVM loaded this resolver.
     */
    static Optional<InetAddress[]> trueAnswer(String host) {
        if (builtin.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    builtin.get()
                            .lookupByName(
                                    host, LookupPolicy.of(LookupPolicy.IPV4 | LookupPolicy.IPV6))
                            .toArray(InetAddress[]::new));
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void builtinIs(InetAddressResolver resolver) {
        builtin = Optional.of(resolver);
    }

    @Override
    public Stream<InetAddress> lookupByName(String host, LookupPolicy lookupPolicy)
            throws UnknownHostException {
        Optional<Predicate<String>> policy = exempt;
        if (policy.isEmpty() || policy.get().test(host.toLowerCase(Locale.ROOT))) {
            return delegate.lookupByName(host, lookupPolicy);
        }
        InetAddress[] addresses =
                delegate.lookupByName(host, lookupPolicy).toArray(InetAddress[]::new);
        for (InetAddress a : addresses) {
            String kind = AddressGuard.classify(a);
            if (!kind.isEmpty()) {
                throw new UnknownHostException(
                        host
                                + " resolves to "
                                + a.getHostAddress()
                                + " ("
                                + kind
                                + "), refused by the SSRF guard");
            }
        }
        return Stream.of(addresses);
    }

    @Override
    public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return delegate.lookupByAddress(addr);
    }
}
