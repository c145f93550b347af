package dev.crawler.frontier;

import dev.crawler.politeness.RobotsRules;

/** The result of fetching one host's robots.txt. */
public sealed interface RobotsOutcome {
    /** Rules to apply: parsed, or allow-all for a missing (4xx) robots.txt. */
    record Known(RobotsRules rules) implements RobotsOutcome {}

    /** 5xx or unreachable: the host's URLs wait, and robots.txt is tried again later. */
    record Unavailable(String reason) implements RobotsOutcome {}
}
