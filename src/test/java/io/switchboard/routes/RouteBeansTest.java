package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import io.switchboard.events.EventsProperties;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/**
 * Every bean a route file names ({@code bean: ref:}, {@code method: ref:}, {@code process: ref:}, template
 * parameters resolved) is one the hub has: a misspelt name fails here rather than on the first request that takes
 * the route.
 */
@HubTest
class RouteBeansTest {

    /** A template parameter: {@code {{vendor}}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    @Autowired
    CamelContext camel;

    @Test
    void everyBeanARouteFileNamesIsInTheHub() throws IOException {
        Set<String> names = beanReferences();

        assertThat(names).contains("vendorRetries", "vendorAttempt", "shopifyOrderMapper", "zendeskTicketMapper",
                "jiraTicketMapper");
        assertThat(unresolved(names)).isEmpty();
        assertThat(unresolved(Set.of("vendorRetries", "shopifyOrderMaper"))).containsExactly("shopifyOrderMaper");
    }

    private List<String> unresolved(Set<String> names) {
        return names.stream().filter(name -> camel.getRegistry().lookupByName(name) == null).sorted().toList();
    }

    /** Every bean the route files name ({@code bean: ref:}, {@code method: ref:}), template parameters resolved. */
    private static Set<String> beanReferences() throws IOException {
        Map<String, List<Map<String, String>>> templateUses = new LinkedHashMap<>();
        Map<String, Set<String>> templateRefs = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        for (Path file : RouteSchemaTest.routeFiles()) {
            for (Object element : new Yaml().loadAll(Files.readString(file))) {
                for (Object item : (List<?>) element) {
                    Map<?, ?> definition = (Map<?, ?>) item;
                    if (definition.get("routeTemplate") instanceof Map<?, ?> template) {
                        Set<String> refs = new LinkedHashSet<>();
                        collectRefs(template, refs);
                        templateRefs.put((String) template.get("id"), refs);
                    } else if (definition.get("templatedRoute") instanceof Map<?, ?> use) {
                        Map<String, String> parameters = new LinkedHashMap<>();
                        for (Object parameter : (List<?>) use.get("parameters")) {
                            Map<?, ?> p = (Map<?, ?>) parameter;
                            parameters.put((String) p.get("name"), String.valueOf(p.get("value")));
                        }
                        templateUses.computeIfAbsent((String) use.get("routeTemplateRef"), t -> new ArrayList<>())
                                .add(parameters);
                    } else {
                        collectRefs(definition, names);
                        kameletUses(definition, templateUses);
                    }
                }
            }
        }
        templateRefs.forEach((template, refs) -> {
            if (template.equals("vendor-call") || template.equals("vendor-request")) {
                // the outbound template: made for every vendor of switchboard.vendors (VendorRegistrar)
                refs.stream().filter(ref -> !ref.contains("{{")).forEach(names::add);
                return;
            }
            assertThat(templateUses).as("a route uses the template " + template).containsKey(template);
            for (Map<String, String> parameters : templateUses.get(template)) {
                refs.stream().map(ref -> PLACEHOLDER.matcher(ref).replaceAll(m -> parameters.getOrDefault(m.group(1), m.group())))
                        .forEach(names::add);
            }
        });
        assertThat(names).noneMatch(Predicate.not(name -> name.matches("[A-Za-z][\\w-]*")));
        return names;
    }

    /**
     * The templates a route takes its input from ({@code from: uri: kamelet:<template>} with its parameters); the
     * bus switch {@code kamelet:domain-events-{{switchboard.events.bus}}} uses the template of every bus.
     */
    private static void kameletUses(Object node, Map<String, List<Map<String, String>>> uses) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("uri") instanceof String uri && uri.startsWith("kamelet:") && !uri.startsWith("kamelet:sink")) {
                Map<String, String> parameters = new LinkedHashMap<>();
                if (map.get("parameters") instanceof Map<?, ?> given) {
                    given.forEach((name, value) -> parameters.put(String.valueOf(name), String.valueOf(value)));
                }
                String template = uri.substring("kamelet:".length()).split("[/?]")[0];
                for (EventsProperties.Bus bus : EventsProperties.Bus.values()) {
                    uses.computeIfAbsent(template.replace("{{switchboard.events.bus}}", bus.name().toLowerCase()),
                            t -> new ArrayList<>()).add(parameters);
                }
            }
            map.values().forEach(value -> kameletUses(value, uses));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> kameletUses(item, uses));
        }
    }

    private static void collectRefs(Object node, Set<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (("bean".equals(key) || "method".equals(key) || "process".equals(key)) && value instanceof Map<?, ?> call
                        && call.get("ref") instanceof String ref) {
                    refs.add(ref);
                }
                collectRefs(value, refs);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }
}
