package io.switchboard.deploy;

import io.switchboard.config.RequiredSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * What the hub requires in production, as environment variable names, computed as the hub computes it
 * ({@link RequiredSettings#required}) from {@code application.yaml} and {@code application-prod.yaml} under a
 * deployment's environment: the vendors its provider settings select bring their own required settings.
 */
final class ProductionSettings {

    private ProductionSettings() {
    }

    /**
     * Each required setting as its alternatives' environment variables, for a deployment setting these environment
     * variables (name to literal value; those it leaves to the operator are left out).
     */
    static List<List<String>> requiredVariables(Map<String, String> deployed) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        Map<String, Object> variables = new HashMap<>();
        deployed.forEach((name, value) -> {
            if (value != null) {
                variables.put(name, value);
            }
        });
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        for (String file : List.of("application-prod.yaml", "application.yaml")) {
            try {
                new YamlPropertySourceLoader().load(file, new FileSystemResource("src/main/resources/" + file))
                        .forEach(sources::addLast);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ConfigurationPropertySources.attach(environment);   // relaxed names, as the hub reads them
        return RequiredSettings.required(environment).stream()
                .map(alternatives -> alternatives.stream().map(RequiredSettings::environmentVariable).toList())
                .toList();
    }
}
