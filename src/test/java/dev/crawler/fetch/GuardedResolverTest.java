package dev.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a name that answers a public address when the guard checks it and an internal one
 * when the client connects is refused at the second answer. The resolver is tested with a DNS
 * stand-in that answers differently the second time; that the JDK really uses it is shown in a JVM
 * of its own (lookups are cached JVM-wide, so this one's would prove nothing).
 */
class GuardedResolverTest {
    @AfterEach
    void uninstall() {
        GuardedResolver.uninstall();
    }

    /** Answers 93.184.215.14 the first time it is asked for a name, 127.0.0.1 after. */
    static final class Rebinding implements InetAddressResolver {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
                throws UnknownHostException {
            byte[] a =
                    asked.getAndIncrement() == 0
                            ? new byte[] {93, (byte) 184, (byte) 215, 14}
                            : new byte[] {127, 0, 0, 1};
            return Stream.of(InetAddress.getByAddress(host, a));
        }

        @Override
        public String lookupByAddress(byte[] addr) {
            return "x";
        }
    }

    private static final InetAddressResolver.LookupPolicy ANY =
            InetAddressResolver.LookupPolicy.of(
                    InetAddressResolver.LookupPolicy.IPV4 | InetAddressResolver.LookupPolicy.IPV6);

    @Test
    void aNameThatRebindsToLoopbackIsRefusedTheSecondTime() throws Exception {
        GuardedResolver resolver = new GuardedResolver(new Rebinding());
        GuardedResolver.install(host -> false);
        assertThat(resolver.lookupByName("rebind.test", ANY).toList()).hasSize(1); // the check
        assertThatThrownBy(() -> resolver.lookupByName("rebind.test", ANY)) // the connect
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining(
                        "resolves to 127.0.0.1 (loopback), refused by the SSRF guard");
    }

    @Test
    void exemptNamesAndAnUninstalledGuardPassThrough() throws Exception {
        Rebinding dns = new Rebinding();
        GuardedResolver resolver = new GuardedResolver(dns);
        dns.asked.set(1); // loopback from now on
        assertThat(resolver.lookupByName("a.test", ANY).toList()).hasSize(1); // not installed
        GuardedResolver.install(host -> host.equals("seed.test"));
        assertThat(resolver.lookupByName("seed.test", ANY).toList()).hasSize(1);
        assertThatThrownBy(() -> resolver.lookupByName("other.test", ANY))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void theProviderIsRegisteredForTheJdkToFind() {
        assertThat(java.util.ServiceLoader.load(java.net.spi.InetAddressResolverProvider.class))
                .anyMatch(p -> p instanceof GuardedResolverProvider);
    }

    /**
     * The JDK resolves through the guard: in a fresh JVM, a name of this machine's hosts file that
     * maps to loopback ({@code localhost} itself is answered by the JDK without any resolver) is
     * refused. Where the hosts file has no such name, the registration test above stands alone.
     */
    @Test
    void theJdkResolvesThroughTheGuardOnceInstalled() throws Exception {
        java.util.Optional<String> alias = loopbackAlias();
        if (alias.isEmpty()) {
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        Process child =
                new ProcessBuilder(
                                java, "-cp", classpath, ResolverMain.class.getName(), alias.get())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out)
                .contains("refused: " + alias.get() + " resolves to 127.")
                .contains("Blocked[reason=" + alias.get() + " resolves to 127.");
    }

    private static java.util.Optional<String> loopbackAlias() throws java.io.IOException {
        Path hosts = Path.of("/etc/hosts");
        if (!java.nio.file.Files.isReadable(hosts)) {
            return java.util.Optional.empty();
        }
        for (String line : java.nio.file.Files.readAllLines(hosts)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].startsWith("127.") && !f[0].startsWith("#")) {
                for (int i = 1; i < f.length; i++) {
                    if (!f[i].equalsIgnoreCase("localhost") && !f[i].startsWith("#")) {
                        return java.util.Optional.of(f[i]);
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }
}
