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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.events.EventsProperties;
import io.switchboard.resilience.UpstreamCallExecutor;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.yaml.snakeyaml.Yaml;

/**
 * The contracts between route files that nothing else checks until a request takes the path: every provider a
 * capability can be switched to (README's table, application.yaml's comments) has a route for each of the
 * capability's operations ({@code direct:<capability>.{{switchboard.<capability>.provider}}.<operation>} in
 * routes/capabilities/, and {@code customer.erase}, which the erasure job calls for the capabilities that hold
 * customers), every bean a route file names is one the hub has, and every circuit breaker runs as its named
 * configuration says.
 */
@HubTest
class RouteContractTest {

    /** A provider switch: {@code direct:orders.{{switchboard.orders.provider}}.order.get}. */
    private static final Pattern SWITCH = Pattern.compile(
            "direct:([a-z]+)\\.\\{\\{switchboard\\.([a-z]+)\\.provider}}\\.([a-z.]+)");
    /** routes/jobs/privacy-erasure.camel.yaml: direct:<capability>.<vendor>.customer.erase, for these capabilities. */
    private static final Set<String> ERASED_BY_PROVIDERS = Set.of("crm", "helpdesk", "orders");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private static Map<String, Set<String>> operations;
    private static Map<String, List<String>> providers;

    @Autowired
    CamelContext camel;

    @Autowired
    Environment settings;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    UpstreamCallExecutor upstreamCallExecutor;

    @BeforeAll
    static void readTheContracts() throws IOException {
        operations = capabilityOperations();
        providers = readmeProviders();
    }

    @Test
    void theCapabilitiesAndTheirProvidersAreTheOnesDocumented() throws IOException {
        assertThat(operations).containsOnlyKeys("orders", "crm", "helpdesk", "kb");
        assertThat(operations.get("orders")).contains("order.get", "customer.recent", "order.cancel", "customer.erase");
        assertThat(operations.get("kb")).containsExactly("search");
        assertThat(providers).containsOnlyKeys(operations.keySet());
        assertThat(applicationYamlProviders()).isEqualTo(providers);
    }

    @Test
    void everyProviderHasARouteForEachOperationOfItsCapability() {
        assertThat(missingRoutes(providers, consumedDirectEndpoints())).isEmpty();
        assertThat(providers.values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void aProviderWithoutAnOperationsRouteIsNamed() {
        Map<String, List<String>> withANewVendor = new LinkedHashMap<>(providers);
        withANewVendor.put("crm", List.of("hubspot", "pipedrive"));

        assertThat(missingRoutes(withANewVendor, consumedDirectEndpoints())).containsExactly(
                "direct:crm.pipedrive.activity.log", "direct:crm.pipedrive.customer.erase",
                "direct:crm.pipedrive.customer.find", "direct:crm.pipedrive.customer.get");
    }

    @Test
    void everyBeanARouteFileNamesIsInTheHub() throws IOException {
        Set<String> names = beanReferences();

        assertThat(names).contains("vendorRetries", "vendorAttempt", "shopifyOrderMapper", "zendeskTicketMapper",
                "jiraTicketMapper");
        assertThat(unresolved(names)).isEmpty();
        assertThat(unresolved(Set.of("vendorRetries", "shopifyOrderMaper"))).containsExactly("shopifyOrderMaper");
    }

    @Test
    void everyCircuitBreakerRunsWithTheBreakerAndTimeoutItsConfigurationNamesOnTheUpstreamExecutor() {
        List<ResilienceProcessor> guards = camel.getRoutes().stream().flatMap(route -> route.filter("*").stream())
                .filter(ResilienceProcessor.class::isInstance).map(ResilienceProcessor.class::cast).toList();
        assertThat(guards).hasSizeGreaterThan(15);

        for (ResilienceProcessor guard : guards) {
            String configuration = definitionOf(guard).getConfiguration();
            if (configuration.contains("{{vendor}}")) {   // the outbound template's: route <vendor>-call
                configuration = configuration.replace("{{vendor}}", guard.getRouteId().replaceFirst("-call$", ""));
            }
            String key = "camel.resilience4j.configurations." + configuration;
            // a vendor's own configuration (<vendor>Call) is made from its settings block, the others are settings
            Resilience4jConfigurationDefinition made = settings.containsProperty(key + ".timeout-duration") ? null
                    : camel.getRegistry().lookupByNameAndType(configuration, Resilience4jConfigurationDefinition.class);
            assertThat(guard.isTimeoutEnabled()).as(guard.getId()).isTrue();
            assertThat(guard.getTimeoutDuration()).as(guard.getId() + ": " + key).isEqualTo(made == null
                    ? settings.getRequiredProperty(key + ".timeout-duration", Long.class)
                    : settings.getRequiredProperty("switchboard.vendors." + configuration.replaceFirst("Call$", "")
                            + ".timeout-millis", Long.class));
            assertThat(guard.getExecutorService()).as(guard.getId()).isSameAs(upstreamCallExecutor);
            assertThat(breakers.getAllCircuitBreakers()).as(guard.getId() + ": a breaker of the registry")
                    .contains(guard.getCircuitBreaker());
            String named = made == null ? settings.getProperty(key + ".circuit-breaker") : made.getCircuitBreaker();
            if (named != null) {
                assertThat(guard.getCircuitBreaker().getName() + "Breaker").as(guard.getId()).isEqualTo(named);
            }
        }
        assertThat(settings.getProperty("switchboard.vendors.shopify.timeout-millis", Long.class))
                .isEqualTo(guards.stream().filter(g -> "shopify-call".equals(g.getRouteId())).findFirst().orElseThrow()
                        .getTimeoutDuration());
    }

    /** The breaker's definition: by its id, which in a route made from a template may still hold the parameters. */
    private CircuitBreakerDefinition definitionOf(ResilienceProcessor guard) {
        ModelCamelContext model = (ModelCamelContext) camel;
        if (model.getProcessorDefinition(guard.getId()) instanceof CircuitBreakerDefinition definition) {
            return definition;
        }
        List<CircuitBreakerDefinition> inRoute = List.copyOf(ProcessorDefinitionHelper.filterTypeInOutputs(
                model.getRouteDefinition(guard.getRouteId()).getOutputs(), CircuitBreakerDefinition.class));
        List<CircuitBreakerDefinition> matching = inRoute.stream().filter(definition -> definition.getId() != null
                && guard.getId().matches(PLACEHOLDER.matcher(Pattern.quote(definition.getId()))
                        .replaceAll("\\\\E.*\\\\Q"))).toList();
        List<CircuitBreakerDefinition> found = matching.size() == 1 ? matching : inRoute;
        assertThat(found).as(guard.getRouteId() + "/" + guard.getId()).hasSize(1);
        return found.get(0);
    }

    private List<String> unresolved(Set<String> names) {
        return names.stream().filter(name -> camel.getRegistry().lookupByName(name) == null).sorted().toList();
    }

    private Set<String> consumedDirectEndpoints() {
        return camel.getRoutes().stream().map(Route::getEndpoint)
                .map(endpoint -> endpoint.getEndpointUri().replaceFirst("^direct://", "direct:"))
                .filter(uri -> uri.startsWith("direct:")).collect(Collectors.toSet());
    }

    private static List<String> missingRoutes(Map<String, List<String>> providers, Set<String> consumed) {
        Set<String> missing = new TreeSet<>();
        providers.forEach((capability, vendors) -> {
            for (String vendor : vendors) {
                for (String operation : operations.get(capability)) {
                    String endpoint = "direct:" + capability + "." + vendor + "." + operation;
                    if (!consumed.contains(endpoint)) {
                        missing.add(endpoint);
                    }
                }
            }
        });
        return List.copyOf(missing);
    }

    /** Capability -> the operations its routes switch by provider. */
    private static Map<String, Set<String>> capabilityOperations() throws IOException {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (Path file : RouteSchemaTest.routeFiles()) {
            if (!file.startsWith(Path.of("routes", "capabilities"))) {
                continue;
            }
            Matcher matcher = SWITCH.matcher(Files.readString(file));
            while (matcher.find()) {
                assertThat(matcher.group(2)).as(matcher.group()).isEqualTo(matcher.group(1));
                found.computeIfAbsent(matcher.group(1), c -> new TreeSet<>()).add(matcher.group(3));
            }
        }
        ERASED_BY_PROVIDERS.forEach(capability -> found.get(capability).add("customer.erase"));
        return found;
    }

    /** README's Providers table: capability -> vendors, from its switchboard.<capability>.provider rows. */
    private static Map<String, List<String>> readmeProviders() throws IOException {
        Pattern row = Pattern.compile("^\\|[^|]*\\| `switchboard\\.([a-z]+)\\.provider` \\|([^|]*)\\|$", Pattern.MULTILINE);
        Map<String, List<String>> found = new LinkedHashMap<>();
        Matcher matcher = row.matcher(Files.readString(Path.of("README.md")));
        while (matcher.find()) {
            found.put(matcher.group(1), Pattern.compile("`([a-z-]+)`").matcher(matcher.group(2)).results()
                    .map(vendor -> vendor.group(1)).toList());
        }
        return found;
    }

    /**
     * application.yaml's comment above each {@code switchboard.<capability>.provider}: "which vendor serves …:
     * shopify | woocommerce", each choice's first word.
     */
    private static Map<String, List<String>> applicationYamlProviders() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/resources/application.yaml"));
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).matches(" {4}provider: [a-z-]+")) {
                continue;
            }
            StringBuilder comment = new StringBuilder();
            int j = i - 1;
            while (lines.get(j).startsWith("    #")) {
                comment.insert(0, lines.get(j).replaceFirst("^ {4}# ?", "") + " ");
                j--;
            }
            String capability = lines.get(j).trim().replace(":", "");
            String choices = comment.substring(comment.indexOf(":") + 1);
            List<String> vendors = new ArrayList<>();
            for (String choice : choices.split("\\|")) {
                vendors.add(choice.trim().split("\\s+")[0]);
            }
            assertThat(vendors).as(capability + "'s default").contains(lines.get(i).trim().substring("provider: ".length()));
            found.put(capability, vendors);
        }
        return found;
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
