package io.switchboard.connectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every vendor of {@code switchboard.vendors} gets, from its settings block alone: its circuit breaker
 * ({@code <vendor>Breaker}, in the one registry health, metrics and the console read), the breaker configuration its
 * calls run under ({@code <vendor>Call}: that breaker, its {@code timeout-millis}), and the two routes of the
 * outbound template ({@code routes/connectors/vendor-call.camel.yaml}): {@code direct:<vendor>.call} and
 * {@code direct:<vendor>.request}. A new vendor is a settings block and its route files; no Java here changes.
 */
@Configuration(proxyBeanMethods = false)
public class VendorRegistrar {

    /** The vendors' blocks as configured, in the order of application.yaml. */
    public static Map<String, VendorSettings> vendors(Environment environment) {
        return new LinkedHashMap<>(Binder.get(environment)
                .bind("switchboard.vendors", Bindable.mapOf(String.class, VendorSettings.class))
                .orElse(Map.of()));
    }

    @Bean
    static BeanDefinitionRegistryPostProcessor vendorBreakers(Environment environment) {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                vendors(environment).forEach((vendor, settings) -> {
                    registry.registerBeanDefinition(vendor + "Breaker", BeanDefinitionBuilder
                            .genericBeanDefinition(CircuitBreaker.class)
                            .setFactoryMethodOnBean("circuitBreaker", "circuitBreakerRegistry")
                            .addConstructorArgValue(vendor)
                            .getBeanDefinition());
                    registry.registerBeanDefinition(vendor + "Call", BeanDefinitionBuilder
                            .genericBeanDefinition(Resilience4jConfigurationDefinition.class,
                                    () -> callConfiguration(vendor, settings))
                            .getBeanDefinition());
                });
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
                // nothing beyond the definitions
            }
        };
    }

    /** The routes of the outbound template, one pair per vendor, added before Camel starts its routes. */
    @Bean
    CamelContextConfiguration vendorRoutes(Environment environment) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                vendors(environment).forEach((vendor, settings) -> {
                    TemplatedRouteBuilder.builder(camel, "vendor-call").routeId(vendor + "-call")
                            .parameter("vendor", vendor)
                            .parameter("timeoutMillis", String.valueOf(settings.timeout()))
                            .add();
                    TemplatedRouteBuilder.builder(camel, "vendor-request").routeId(vendor + "-request")
                            .parameter("vendor", vendor)
                            .parameter("endpoint", settings.endpoint(vendor))
                            .add();
                });
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // the routes start with the others
            }
        };
    }

    /** The vendor's breaker, throwing when open, with its timeout: one call, retries included. */
    static Resilience4jConfigurationDefinition callConfiguration(String vendor, VendorSettings settings) {
        Resilience4jConfigurationDefinition call = new Resilience4jConfigurationDefinition();
        call.setCircuitBreaker(vendor + "Breaker");
        call.setThrowExceptionWhenHalfOpenOrOpenState("true");
        call.setTimeoutEnabled("true");
        call.setTimeoutDuration(String.valueOf(settings.timeout()));
        return call;
    }
}
