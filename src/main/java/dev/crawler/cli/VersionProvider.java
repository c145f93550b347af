package dev.crawler.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version that Maven writes into {@code crawler-version.properties}. */
final class VersionProvider implements IVersionProvider {
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
