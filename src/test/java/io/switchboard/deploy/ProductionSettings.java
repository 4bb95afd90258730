package io.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What the hub requires in production, as environment variable names, read from the same place the hub reads it:
 * {@code switchboard.required-settings} in {@code application-prod.yaml}. An entry {@code a | b} is satisfied by
 * either; {@code ${key}} placeholders resolve with the deployment's own value of that key when it sets one, else with
 * the default in {@code application.yaml}.
 */
final class ProductionSettings {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

    private ProductionSettings() {
    }

    /**
     * Each required setting as its alternatives' environment variables, resolving placeholders first with
     * {@code deployed} (an environment variable name to its literal value, or null) and then with the defaults.
     */
    static List<List<String>> requiredVariables(Function<String, String> deployed) {
        List<String> entries = at(load("application-prod.yaml"), "switchboard.required-settings");
        Map<String, Object> defaults = load("application.yaml");
        return entries.stream().map(entry -> {
            Matcher placeholder = PLACEHOLDER.matcher(entry);
            String resolved = placeholder.replaceAll(match -> {
                String key = match.group(1);
                String value = deployed.apply(environmentVariable(key));
                return Matcher.quoteReplacement(value != null ? value : String.valueOf((Object) at(defaults, key)));
            });
            return Arrays.stream(resolved.split("\\|")).map(String::trim)
                    .map(ProductionSettings::environmentVariable).toList();
        }).toList();
    }

    /** Spring Boot's relaxed binding from a property to its environment variable: {@code a.b-c[0]} is {@code A_BC_0_}. */
    static String environmentVariable(String key) {
        return key.replace("-", "").replace(".", "_").replace("[", "_").replace("]", "_").toUpperCase(Locale.ROOT);
    }

    private static Map<String, Object> load(String file) {
        try {
            return new Yaml().load(Files.readString(RESOURCES.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> yaml, String dottedKey) {
        Object node = yaml;
        for (String part : dottedKey.split("\\.")) {
            node = node instanceof Map<?, ?> map ? map.get(part) : null;
        }
        if (node == null) {
            throw new IllegalStateException(dottedKey + " is not set in the application's YAML");
        }
        return (T) node;
    }
}
