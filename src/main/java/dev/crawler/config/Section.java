package dev.crawler.config;

import java.util.List;

/**
 * A group of settings under one heading of {@code config/crawler.yaml}.
 *
 * @param title the heading, empty for the first group
 * @param intro a sentence under the heading, or empty
 * @param settings the group's settings, in file order
 */
record Section(String title, String intro, List<Setting<?>> settings) {}
