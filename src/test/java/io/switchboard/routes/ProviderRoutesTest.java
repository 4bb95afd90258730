package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The provider switches between route files, which nothing else checks until a request takes the path: every
 * provider a capability can be switched to (README's table, application.yaml's comments) has a route for each of the
 * capability's operations ({@code direct:<capability>.{{switchboard.<capability>.provider}}.<operation>} in
 * routes/capabilities/, and {@code customer.erase}, which the erasure job calls for the capabilities that hold
 * customers).
 */
@HubTest
class ProviderRoutesTest {

    /** A provider switch: {@code direct:orders.{{switchboard.orders.provider}}.order.get}. */
    private static final Pattern SWITCH = Pattern.compile(
            "direct:([a-z]+)\\.\\{\\{switchboard\\.([a-z]+)\\.provider}}\\.([a-z.]+)");
    /** routes/jobs/privacy-erasure.camel.yaml: direct:<capability>.<vendor>.customer.erase, for these capabilities. */
    private static final Set<String> ERASED_BY_PROVIDERS = Set.of("crm", "helpdesk", "orders");

    private static Map<String, Set<String>> operations;
    private static Map<String, List<String>> providers;

    @Autowired
    CamelContext camel;

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
}
