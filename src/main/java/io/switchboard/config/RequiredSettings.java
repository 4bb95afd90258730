package io.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The settings listed in {@code switchboard.required-settings} that are missing, each named with its environment
 * variable. The {@code prod} profile lists what production cannot run without; entries may use placeholders
 * ({@code switchboard.vendors.${switchboard.orders.provider}.base-url}) and list alternatives, any one of which will
 * do ({@code a | b}). {@code switchboard.required-settings-if} lists entries required only while a feature is on
 * ({@code switchboard.notifications.mail.host if switchboard.notifications.enabled}).
 */
final class RequiredSettings {

    static final String KEY = "switchboard.required-settings";
    /** Entries {@code <entry> if <flag>}: required only while the setting {@code flag} is true. */
    static final String CONDITIONAL_KEY = "switchboard.required-settings-if";

    private RequiredSettings() {
    }

    static List<String> missing(ConfigurableEnvironment environment) {
        List<String> required = new ArrayList<>(Binder.get(environment)
                .bind(KEY, Bindable.listOf(String.class))
                .orElse(List.of()));
        required.addAll(conditional(environment));
        List<String> missing = new ArrayList<>();
        for (String entry : required) {
            List<String> alternatives = List.of(environment.resolvePlaceholders(entry.trim()).split("\\s*\\|\\s*"));
            boolean satisfied = alternatives.stream().map(environment::getProperty)
                    .anyMatch(value -> value != null && !value.isBlank());
            if (!satisfied) {
                missing.add("missing setting: " + (alternatives.size() > 1 ? "one of " : "")
                        + String.join(" or ", alternatives.stream().map(RequiredSettings::named).toList()));
            }
        }
        return missing;
    }

    /** The entries of {@value #CONDITIONAL_KEY} whose flag is true, without it. */
    private static List<String> conditional(ConfigurableEnvironment environment) {
        List<String> entries = new ArrayList<>();
        for (String entry : Binder.get(environment).bind(CONDITIONAL_KEY, Bindable.listOf(String.class))
                .orElse(List.of())) {
            String[] parts = entry.split("\\s+if\\s+", 2);
            if (parts.length != 2) {
                throw new IllegalStateException(CONDITIONAL_KEY + " entries read '<setting> if <flag>': " + entry);
            }
            if (Boolean.parseBoolean(environment.getProperty(parts[1].trim(), "false"))) {
                entries.add(parts[0]);
            }
        }
        return entries;
    }

    /** {@code a.b-c (environment variable A_BC)}. */
    static String named(String key) {
        return key + " (environment variable " + environmentVariable(key) + ")";
    }

    /** Spring's relaxed binding, backwards: {@code a.b-c[0]} is {@code A_BC_0_}. */
    static String environmentVariable(String key) {
        return key.replace("-", "").replace(".", "_").replace("[", "_").replace("]", "_").toUpperCase(Locale.ROOT);
    }
}
