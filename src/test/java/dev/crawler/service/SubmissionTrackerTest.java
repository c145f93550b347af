package dev.crawler.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crawler.request.CrawlRequest;
import dev.crawler.sink.CrawlResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubmissionTrackerTest {
    private final List<String> forgotten = new ArrayList<>();

    private static SubmissionTracker.Submission submission(String id, String... urls) {
        List<SubmissionTracker.UrlState> entries = new ArrayList<>();
        for (String u : urls) {
            entries.add(new SubmissionTracker.UrlState(u, "pending", 0, ""));
        }
        return new SubmissionTracker.Submission(id, "", entries);
    }

    private static CrawlResult failed(String url) {
        return new CrawlResult.Failed(
                CrawlRequest.seed(URI.create(url)), Optional.empty(), "HTTP 500");
    }

    private static List<String> states(SubmissionTracker t, String id) {
        return t.get(id).orElseThrow().entries().stream()
                .map(SubmissionTracker.UrlState::state)
                .toList();
    }

    @Test
    void aUrlEndsInEverySubmissionThatWaitsForItEvenOneThatEndedBeforeItWasRegistered() {
        SubmissionTracker t = new SubmissionTracker(10, forgotten::add);
        t.accept(failed("http://a.example/early")); // fetched before its POST returned
        t.add(submission("s1", "http://a.example/early", "http://a.example/x"));
        t.add(submission("s2", "http://a.example/x"));
        assertThat(states(t, "s1")).containsExactly("failed", "pending");
        t.accept(failed("http://a.example/x"));
        assertThat(states(t, "s1")).containsExactly("failed", "failed");
        assertThat(states(t, "s2")).containsExactly("failed");
        assertThat(
                        t.get("s1")
                                .orElseThrow()
                                .toJson(new com.fasterxml.jackson.databind.ObjectMapper())
                                .get("done")
                                .asBoolean())
                .isTrue();
    }

    @Test
    void keepsAtMostTheMaximumForgettingTheOldestFinishedFirst() {
        SubmissionTracker t = new SubmissionTracker(3, forgotten::add);
        t.add(submission("busy", "http://a.example/never"));
        for (int i = 0; i < 5; i++) {
            t.add(submission("s" + i, "http://a.example/" + i));
            t.accept(failed("http://a.example/" + i));
        }
        // before: every submission and every submitted URL's final state, for good
        assertThat(t.size()).isEqualTo(3);
        assertThat(forgotten).containsExactly("s0", "s1", "s2");
        assertThat(t.get("s0")).isEmpty();
        assertThat(t.get("busy")).as("an unfinished one outlives finished ones").isPresent();
        assertThat(states(t, "s4")).containsExactly("failed");
        // when none is finished, the oldest goes
        t.add(submission("n1", "http://a.example/n1"));
        t.add(submission("n2", "http://a.example/n2"));
        t.add(submission("n3", "http://a.example/n3"));
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.get("busy")).isEmpty();
        t.accept(failed("http://a.example/never")); // a forgotten submission's URL: no effect
        assertThat(states(t, "n3")).containsExactly("pending");
    }
}
