package io.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops startup, before anything connects anywhere, when a setting listed in {@code switchboard.required-settings}
 * is missing, naming the setting and its environment variable. The {@code prod} profile lists what production
 * cannot run without; entries may use placeholders ({@code switchboard.vendors.${switchboard.orders.provider}.base-url})
 * and list alternatives, any one of which will do ({@code a | b}).
 */
public class RequiredSettings implements EnvironmentPostProcessor, Ordered {

    static final String KEY = "switchboard.required-settings";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> required = Binder.get(environment)
                .bind(KEY, Bindable.listOf(String.class))
                .orElse(List.of());
        List<String> missing = new ArrayList<>();
        for (String entry : required) {
            List<String> alternatives = List.of(environment.resolvePlaceholders(entry.trim()).split("\\s*\\|\\s*"));
            boolean satisfied = alternatives.stream().map(environment::getProperty)
                    .anyMatch(value -> value != null && !value.isBlank());
            if (!satisfied) {
                missing.add((alternatives.size() > 1 ? "one of " : "") + String.join(" or ", alternatives.stream()
                        .map(key -> key + " (environment variable " + environmentVariable(key) + ")").toList()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing required setting" + (missing.size() > 1 ? "s: " : ": ")
                    + String.join(", ", missing));
        }
    }

    /** Spring's relaxed binding, backwards: {@code a.b-c[0]} is {@code A_BC_0_}. */
    static String environmentVariable(String key) {
        return key.replace("-", "").replace(".", "_").replace("[", "_").replace("]", "_").toUpperCase(Locale.ROOT);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the config files and profiles are in
    }
}
