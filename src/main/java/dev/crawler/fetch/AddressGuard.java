package dev.crawler.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The SSRF guard: refuses hosts that resolve to addresses a crawler embedded in a service must not
 * reach on a web page's say-so: loopback, private (RFC 1918, unique-local and site-local IPv6,
 * carrier-grade NAT), link-local (169.254/16 with the cloud metadata addresses, fe80::/10),
 * multicast, unspecified, and the other special-purpose blocks of the IANA registries
 * (documentation, benchmarking, 240/4, Teredo, discard-only); an IPv4 address embedded in IPv6
 * (mapped, compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged as itself.
 * Every address the name resolves to is checked. Stateless and thread-safe.
 *
 * <p>The HTTP client resolves the name again when it connects: a DNS server that answers
 * differently the second time (DNS rebinding) is stopped by {@link GuardedResolver}, once
 * installed, not here.
 */
public final class AddressGuard {

    /** What the guard says about one host. */
    public sealed interface Verdict {}

    /** The host's addresses are public. */
    public record Allowed() implements Verdict {}

    /** The host resolves to an internal address. */
    public record Blocked(String reason) implements Verdict {}

    /** The name does not resolve (the fetch would fail anyway; it is retried as transient). */
    public record Unresolvable(String reason) implements Verdict {}

    /** Resolves {@code url}'s host and checks every address. May block on DNS. */
    public Verdict check(URI url) {
        String host = url.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host); // the JVM's cache, as the client's lookup
        } catch (UnknownHostException e) {
            // refused by an installed GuardedResolver, or unknown: the JDK's own resolver tells
            // which, and gives the address to name in the reason
            Optional<InetAddress[]> truth = GuardedResolver.trueAnswer(host);
            if (truth.isEmpty()) {
                return new Unresolvable("unknown host " + host);
            }
            addresses = truth.get();
        }
        for (InetAddress address : addresses) {
            String kind = classify(address);
            if (!kind.isEmpty()) {
                return new Blocked(
                        host + " resolves to " + address.getHostAddress() + " (" + kind + ")");
            }
        }
        return new Allowed();
    }

    /** The internal class of {@code address}, or an empty string when it is public. */
    static String classify(InetAddress address) {
        if (address.isAnyLocalAddress()) return "unspecified";
        if (address.isLoopbackAddress()) return "loopback";
        if (address.isLinkLocalAddress()) return "link-local";
        if (address.isSiteLocalAddress()) return "private";
        if (address.isMulticastAddress()) return "multicast";
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            int third = b[2] & 0xff;
            if (first == 0) return "unspecified";
            if (first == 100 && second >= 64 && second <= 127) return "private"; // 100.64/10 CGNAT
            if (first == 192 && second == 0 && third == 0) return "private"; // 192.0.0/24
            // IANA special-purpose v4: documentation, 6to4 relay anycast, benchmarking
            if (first == 192 && second == 0 && third == 2) return "reserved"; // TEST-NET-1
            if (first == 192 && second == 88 && third == 99) return "reserved"; // 6to4 relay
            if (first == 198 && (second == 18 || second == 19)) return "reserved"; // 198.18/15
            if (first == 198 && second == 51 && third == 100) return "reserved"; // TEST-NET-2
            if (first == 203 && second == 0 && third == 113) return "reserved"; // TEST-NET-3
            if (first >= 240) return "reserved"; // 240/4 and broadcast
        } else if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return "private"; // fc00::/7 unique local
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) return "private"; // fec0::/10
            if (isMappedOrCompatV4(b) || isNat64(b)) {
                return embedded(b, 12); // ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return embedded(b, 2); // 6to4 2002:aabb:ccdd::/48 carries a.b.c.d
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return "reserved"; // Teredo 2001::/32 tunnels to addresses we cannot check
            }
            if ((b[0] & 0xff) == 0x20
                    && (b[1] & 0xff) == 0x01
                    && (b[2] & 0xff) == 0x0d
                    && (b[3] & 0xff) == 0xb8) {
                return "reserved"; // 2001:db8::/32 documentation
            }
            if (b[0] == 0x01 && b[1] == 0 && allZero(b, 2, 8)) {
                return "reserved"; // 100::/64 discard-only
            }
        }
        return "";
    }

    /** The class of the IPv4 address embedded at {@code offset}, or "reserved" for a public one. */
    private static String embedded(byte[] b, int offset) {
        try {
            String kind =
                    classify(
                            InetAddress.getByAddress(
                                    java.util.Arrays.copyOfRange(b, offset, offset + 4)));
            return kind.isEmpty() ? "" : kind + " (embedded IPv4)";
        } catch (UnknownHostException e) {
            return "reserved";
        }
    }

    /** 64:ff9b::/96, the NAT64 well-known prefix. */
    private static boolean isNat64(byte[] b) {
        return b[0] == 0
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }

    private static boolean isMappedOrCompatV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) return false;
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }
}
