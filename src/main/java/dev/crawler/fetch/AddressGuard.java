package dev.crawler.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The SSRF guard: refuses hosts that resolve to addresses a crawler embedded in a service must not
 * reach on a web page's say-so: loopback, private (RFC 1918, unique-local IPv6, carrier-grade NAT),
 * link-local (169.254/16 with the cloud metadata addresses, fe80::/10), multicast and unspecified.
 * Every address the name resolves to is checked. Stateless and thread-safe.
 *
 * <p>Limit: the HTTP client resolves the name again when it connects, so a DNS server that answers
 * differently the second time (DNS rebinding) is not stopped here.
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
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new Unresolvable("unknown host " + host);
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
            if (first == 0) return "unspecified";
            if (first == 100 && second >= 64 && second <= 127) return "private"; // 100.64/10 CGNAT
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) return "private"; // 192.0.0/24
            if (first >= 240) return "reserved";
        } else if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return "private"; // fc00::/7 unique local
            if (isMappedOrCompatV4(b)) {
                try {
                    return classify(
                            InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return "reserved";
                }
            }
        }
        return "";
    }

    private static boolean isMappedOrCompatV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) return false;
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }
}
