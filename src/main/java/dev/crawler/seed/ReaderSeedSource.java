package dev.crawler.seed;

import java.io.BufferedReader;
import java.io.IOException;

/** A {@link SeedSource} over text, one seed per line. Read once, by one thread. */
final class ReaderSeedSource implements SeedSource {
    private static final char BOM = '\uFEFF';

    private final String name;
    private final ReaderOpener opener;

    ReaderSeedSource(String name, ReaderOpener opener) {
        this.name = name;
        this.opener = opener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void forEach(Consumer consumer) throws IOException, InterruptedException {
        try (BufferedReader reader = new BufferedReader(opener.open())) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
                    line = line.substring(1);
                }
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                consumer.accept(new SeedLine(name + ":" + number, text));
            }
        }
    }
}
