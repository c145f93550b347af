package dev.crawler.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version that Maven writes into {@code crawler-version.properties}. */
final class VersionProvider implements IVersionProvider {
    /** {@code jvm-crawler VERSION}, for the warcinfo record. */
    static String software() {
        try {
            return "jvm-crawler " + version();
        } catch (IOException e) {
            return "jvm-crawler";
        }
    }

    private static String version() throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                VersionProvider.class.getResourceAsStream("/crawler-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                VersionProvider.class.getResourceAsStream("/crawler-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "crawler " + p.getProperty("version", "unknown"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
