package io.switchboard.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The vendors the hub is configured to call: those named by a provider setting ({@code switchboard.<capability>.provider},
 * every one there is: orders, crm, helpdesk, kb, ...) and by the catalog sync's sources
 * ({@code switchboard.sync.catalog.sources}). A name is a vendor's block under {@code switchboard.vendors}, or a
 * product that a vendor's block lists under {@code products} and that runs on that vendor's settings
 * ({@code zendesk-guide} on {@code zendesk}).
 */
public final class SelectedVendors {

    private static final ConfigurationPropertyName SWITCHBOARD = ConfigurationPropertyName.of("switchboard");
    private static final String SYNC_SOURCES = "switchboard.sync.catalog.sources";

    private SelectedVendors() {
    }

    /** One vendor's block, as far as selection and production's requirements read it. */
    public record Block(List<String> required, List<String> products) {
        public Block {
            required = required == null ? List.of() : List.copyOf(required);
            products = products == null ? List.of() : List.copyOf(products);
        }
    }

    /** The vendors' blocks under {@code switchboard.vendors}, by name. */
    public static Map<String, Block> blocks(Environment environment) {
        return Binder.get(environment).bind("switchboard.vendors", Bindable.mapOf(String.class, Block.class))
                .orElse(Map.of());
    }

    /** The selected vendors, by their blocks' names, in a stable order. */
    public static Set<String> of(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, Block> blocks = blocks(environment);
        Set<String> selected = new LinkedHashSet<>();
        for (String setting : providerSettings(environment)) {
            binder.bind(setting, String.class).ifBound(name -> selected.add(vendor(name.trim(), blocks)));
        }
        for (String name : binder.bind(SYNC_SOURCES, Bindable.listOf(String.class)).orElse(List.of())) {
            selected.add(vendor(name.trim(), blocks));
        }
        selected.remove("");
        return selected;
    }

    /** The block a provider's name runs on: its own, or the one that lists it among its products. */
    static String vendor(String name, Map<String, Block> blocks) {
        if (blocks.containsKey(name)) {
            return name;
        }
        return blocks.entrySet().stream().filter(block -> block.getValue().products().contains(name))
                .map(Map.Entry::getKey).findFirst().orElse(name);
    }

    /** Every {@code switchboard.<capability>.provider} set anywhere (application.yaml names each with its default). */
    private static List<String> providerSettings(Environment environment) {
        Set<String> settings = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource names) {
                names.stream().filter(SelectedVendors::isProviderSetting).map(ConfigurationPropertyName::toString)
                        .forEach(settings::add);
            }
        }
        return List.copyOf(settings);
    }

    private static boolean isProviderSetting(ConfigurationPropertyName name) {
        return name.getNumberOfElements() == 3 && SWITCHBOARD.isAncestorOf(name)
                && name.getLastElement(ConfigurationPropertyName.Form.UNIFORM).equals("provider");
    }
}
