package dev.crawler.engine;

import dev.crawler.frontier.Frontier;
import dev.crawler.frontier.FrontierUnavailableException;
import dev.crawler.frontier.Task;
import dev.crawler.politeness.HostFeedback;
import dev.crawler.request.CrawlRequest;
import dev.crawler.sink.CrawlResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer that moves tasks from the frontier into the bounded queue as their hosts become
 * ready; URLs the frontier drops without a fetch (disallowed by robots.txt) are recorded here. The
 * only thread that blocks on a full queue, and it never takes from it: no deadlock with the
 * fetchers. Runs once, on its own virtual thread, until the frontier closes.
 */
final class TaskMover implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskMover.class);

    private final Frontier frontier;
    private final HandOff queue;
    private final ResultRecorder recorder;

    TaskMover(Frontier frontier, HandOff queue, ResultRecorder recorder) {
        this.frontier = frontier;
        this.queue = queue;
        this.recorder = recorder;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Optional<Task> next = frontier.take();
                if (next.isEmpty()) {
                    return; // closed
                }
                switch (next.get()) {
                    case Task.Fetch fetch -> put(fetch.request());
                    case Task.FetchRobots robots ->
                            queue.put(new Work.Robots(robots.hostKey(), robots.robotsUrl()));
                    case Task.Drop drop -> recorder.finish(dropped(drop));
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("Task mover stopped");
        } catch (FrontierUnavailableException e) {
            recorder.fail(e.getMessage());
        }
    }

    private static CrawlResult dropped(Task.Drop drop) {
        return switch (drop.outcome()) {
            case FAILED -> new CrawlResult.Failed(drop.request(), Optional.empty(), drop.reason());
            case SKIPPED, FETCHED ->
                    new CrawlResult.Skipped(drop.request(), Optional.empty(), drop.reason());
        };
    }

    /** Puts a request on the queue; if interrupted first, records it as cancelled. */
    private void put(CrawlRequest request) throws InterruptedException {
        try {
            queue.put(new Work.Fetch(request));
        } catch (InterruptedException e) {
            frontier.release(request, new HostFeedback.NotSent());
            recorder.cancelled(request);
            throw e;
        }
    }
}
