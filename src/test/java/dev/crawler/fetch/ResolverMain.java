package dev.crawler.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Run by {@link GuardedResolverTest} in a fresh JVM (nothing resolved or cached before): resolves
 * {@code args[0]}, a name of this machine's hosts file that maps to loopback, with the guard
 * installed, then with the name exempt.
 */
public final class ResolverMain {
    private ResolverMain() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        GuardedResolver.install(host -> false);
        try {
            System.out.println(name + " -> " + InetAddress.getByName(name).getHostAddress());
        } catch (UnknownHostException e) {
            System.out.println("refused: " + e.getMessage());
        }
        // the guard's own check still sees the true answer, to say why
        System.out.println(new AddressGuard().check(java.net.URI.create("http://" + name + "/")));
    }
}
