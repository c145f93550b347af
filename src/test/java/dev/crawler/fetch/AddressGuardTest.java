package dev.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals only: nothing here resolves a name or opens a connection. */
class AddressGuardTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, loopback",
        "127.0.0.2, loopback",
        "::1, loopback",
        "10.0.0.1, private",
        "172.16.5.4, private",
        "192.168.1.1, private",
        "100.64.0.1, private",
        "fd00::1, private",
        "169.254.169.254, link-local",
        "fe80::1, link-local",
        "224.0.0.1, multicast",
        "ff02::1, multicast",
        "0.0.0.0, unspecified",
        "::, unspecified",
        "::ffff:127.0.0.1, loopback",
        "::ffff:169.254.169.254, link-local", // the JDK reads a mapped address as IPv4
        "64:ff9b::7f00:1, loopback (embedded IPv4)",
        "64:ff9b::a9fe:a9fe, link-local (embedded IPv4)",
        "2002:c0a8:0101::1, private (embedded IPv4)",
        "2002:7f00:0001::, loopback (embedded IPv4)",
        "fec0::1, private",
        "192.0.2.1, reserved",
        "198.51.100.7, reserved",
        "203.0.113.9, reserved",
        "198.18.0.1, reserved",
        "192.88.99.1, reserved",
        "255.255.255.255, reserved",
        "2001:db8::1, reserved",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2, reserved",
        "100::1, reserved"
    })
    void classifiesInternalAddresses(String literal, String kind) throws Exception {
        assertThat(AddressGuard.classify(InetAddress.getByName(literal))).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "2606:4700::1111",
                "172.32.0.1",
                "100.128.0.1",
                "64:ff9b::808:808", // NAT64 of 8.8.8.8
                "2002:0808:0808::1" // 6to4 of 8.8.8.8
            })
    void letsPublicAddressesThrough(String literal) throws Exception {
        assertThat(AddressGuard.classify(InetAddress.getByName(literal))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void checksIpLiteralUrlsWithoutDns() {
        assertThat(new AddressGuard().check(URI.create("http://169.254.169.254/latest/meta-data/")))
                .isEqualTo(
                        new AddressGuard.Blocked(
                                "169.254.169.254 resolves to 169.254.169.254 (link-local)"));
        assertThat(new AddressGuard().check(URI.create("http://[::1]:8080/")))
                .isInstanceOf(AddressGuard.Blocked.class);
    }
}
