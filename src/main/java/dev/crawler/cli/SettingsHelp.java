package dev.crawler.cli;

import dev.crawler.config.Setting;
import dev.crawler.config.Settings;
import java.util.ListResourceBundle;

/**
 * The descriptions of the flags that set a setting, from the table of settings: a flag named like a
 * key ({@code --max-pages}) is described by that setting's help and default, so the CLI's help is
 * never out of step with {@code config/crawler.yaml}. Picocli looks a flag up by its longest name.
 */
final class SettingsHelp extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return Settings.all().stream()
                .map(s -> new Object[] {s.key(), describe(s)})
                .toArray(Object[][]::new);
    }

    private static String describe(Setting<?> s) {
        String value = s.defaultText();
        return s.summary()
                + (java.util.Set.of("", "\"\"", "[]", "{}", "null").contains(value)
                        ? ""
                        : " (default " + value + ")");
    }
}
