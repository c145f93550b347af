package dev.crawler.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a YAML file (configuration, rules) into a tree, with errors that name the file and what is
 * wrong: missing, a folder, unreadable, not YAML. Stateless and thread-safe.
 */
public final class YamlFile {
    private YamlFile() {}

    /**
     * The tree of {@code file}; null or a missing node for an empty file.
     *
     * @param what what the file is, for messages ({@code "configuration file"}, {@code "rule
     *     file"})
     * @throws ConfigException naming the file and the problem
     */
    public static JsonNode read(Path file, String what) throws ConfigException {
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file + ": is a directory, not a " + what);
            }
            return new YAMLMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such " + what, e);
        } catch (JacksonException e) {
            throw new ConfigException(
                    file
                            + ": not valid YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse(""),
                    e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
