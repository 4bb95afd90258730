package io.switchboard.config;

import java.util.List;

/** The configuration cannot work: each problem names the setting and its environment variable. */
public class SettingsException extends IllegalStateException {

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super("Switchboard cannot start with this configuration:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
