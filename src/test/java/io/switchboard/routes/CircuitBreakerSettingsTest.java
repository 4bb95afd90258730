package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import java.util.List;
import java.util.regex.Pattern;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.resilience.UpstreamCallExecutor;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Every circuit breaker in the routes runs as its named configuration says: the breaker of the registry and the
 * timeout its settings (or its vendor's block) name, on the upstream executor.
 */
@HubTest
class CircuitBreakerSettingsTest {

    @Autowired
    CamelContext camel;

    @Autowired
    Environment settings;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    UpstreamCallExecutor upstreamCallExecutor;

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
                && guard.getId().matches(RouteBeansTest.PLACEHOLDER.matcher(Pattern.quote(definition.getId()))
                        .replaceAll("\\\\E.*\\\\Q"))).toList();
        List<CircuitBreakerDefinition> found = matching.size() == 1 ? matching : inRoute;
        assertThat(found).as(guard.getRouteId() + "/" + guard.getId()).hasSize(1);
        return found.get(0);
    }
}
