package dev.crawler.engine;

import dev.crawler.frontier.Admission;
import dev.crawler.frontier.Frontier;
import dev.crawler.frontier.FrontierUnavailableException;
import dev.crawler.seed.SeedLine;
import dev.crawler.seed.SeedProblem;
import dev.crawler.seed.SeedSource;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producer: one seed source into the frontier, which queues each seed under its host; waits while
 * the frontier's seed backlog is full. Runs once, on its own virtual thread; a bad line is reported
 * with its location and skipped.
 */
final class SeedProducer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SeedProducer.class);

    private final SeedSource source;
    private final Frontier frontier;
    private final ResultRecorder recorder;
    private final Consumer<SeedProblem> seedProblems;

    SeedProducer(
            SeedSource source,
            Frontier frontier,
            ResultRecorder recorder,
            Consumer<SeedProblem> seedProblems) {
        this.source = source;
        this.frontier = frontier;
        this.recorder = recorder;
        this.seedProblems = seedProblems;
    }

    @Override
    public void run() {
        try {
            source.forEach(
                    line -> {
                        switch (line.parse()) {
                            case SeedLine.BadFields bad -> {
                                recorder.seedError();
                                seedProblems.accept(
                                        new SeedProblem(
                                                line.location(), line.text(), bad.detail()));
                            }
                            case SeedLine.Valid valid -> {
                                if (frontier.admitSeed(valid.seed())
                                        instanceof Admission.Rejected rejected) {
                                    reportSeed(line.location(), line.text(), rejected);
                                }
                            }
                        }
                    });
        } catch (InterruptedException e) {
            LOG.debug("Seed source {} stopped", source.name());
        } catch (FrontierUnavailableException e) {
            recorder.fail(e.getMessage());
        } catch (IOException | RuntimeException e) {
            recorder.seedError();
            seedProblems.accept(
                    new SeedProblem(source.name(), "", "cannot read seeds: " + e.getMessage()));
        } finally {
            frontier.producerFinished();
        }
    }

    private void reportSeed(String location, String text, Admission.Rejected rejected) {
        switch (rejected.reason()) {
            case MALFORMED, UNSUPPORTED_SCHEME -> {
                recorder.seedError();
                seedProblems.accept(new SeedProblem(location, text, rejected.detail()));
            }
            case DUPLICATE -> LOG.debug("{}: duplicate seed {}", location, text);
            default ->
                    LOG.debug(
                            "{}: seed {} not admitted: {}",
                            location,
                            text,
                            rejected.reason().label());
        }
    }
}
