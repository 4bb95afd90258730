package io.switchboard.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The settings the configuration cannot run without, and those of them that are missing, each named with its
 * environment variable. The {@code prod} profile lists what production needs beyond the vendors in
 * {@code switchboard.required-settings}; entries may use placeholders and list alternatives, any one of which will do
 * ({@code a | b}). {@code switchboard.required-settings-if} lists entries required only while a feature is on
 * ({@code switchboard.notifications.mail.host if switchboard.notifications.enabled}). With
 * {@code switchboard.required-vendor-settings} on, each vendor the configuration selects ({@link SelectedVendors})
 * requires what its own block lists under {@code required} (keys of the block, {@code a | b} alike), or its
 * {@code base-url} when it lists nothing.
 */
public final class RequiredSettings {

    static final String KEY = "switchboard.required-settings";
    /** Entries {@code <entry> if <flag>}: required only while the setting {@code flag} is true. */
    static final String CONDITIONAL_KEY = "switchboard.required-settings-if";
    /** True: every selected vendor's {@code switchboard.vendors.<vendor>.required} is required too. */
    static final String VENDORS_KEY = "switchboard.required-vendor-settings";

    private RequiredSettings() {
    }

    /**
     * Every setting required with these properties, each as its alternatives (full property names, placeholders
     * resolved): one of each list must be set. Deployment checks compute the list this way too.
     */
    public static List<List<String>> required(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        List<String> entries = new ArrayList<>(binder.bind(KEY, Bindable.listOf(String.class)).orElse(List.of()));
        entries.addAll(conditional(environment));
        if (binder.bind(VENDORS_KEY, Boolean.class).orElse(false)) {
            entries.addAll(vendorEntries(environment));
        }
        return entries.stream()
                .map(entry -> List.of(environment.resolvePlaceholders(entry.trim()).split("\\s*\\|\\s*")))
                .toList();
    }

    static List<String> missing(ConfigurableEnvironment environment) {
        List<String> missing = new ArrayList<>();
        for (List<String> alternatives : required(environment)) {
            boolean satisfied = alternatives.stream().map(environment::getProperty)
                    .anyMatch(value -> value != null && !value.isBlank());
            if (!satisfied) {
                missing.add("missing setting: " + (alternatives.size() > 1 ? "one of " : "")
                        + String.join(" or ", alternatives.stream().map(RequiredSettings::named).toList()));
            }
        }
        return missing;
    }

    /** Each selected vendor's {@code required} keys, as full property names. */
    private static List<String> vendorEntries(ConfigurableEnvironment environment) {
        Map<String, SelectedVendors.Block> blocks = SelectedVendors.blocks(environment);
        List<String> entries = new ArrayList<>();
        for (String vendor : SelectedVendors.of(environment)) {
            SelectedVendors.Block block = blocks.get(vendor);
            List<String> keys = block == null || block.required().isEmpty() ? List.of("base-url") : block.required();
            String prefix = "switchboard.vendors." + vendor + ".";
            for (String entry : keys) {
                entries.add(String.join(" | ", Arrays.stream(entry.trim().split("\\s*\\|\\s*"))
                        .map(key -> prefix + key).toList()));
            }
        }
        return entries;
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
    public static String environmentVariable(String key) {
        return key.replace("-", "").replace(".", "_").replace("[", "_").replace("]", "_").toUpperCase(Locale.ROOT);
    }
}
