package io.switchboard.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.errors.ApiException;
import org.apache.camel.component.resilience4j.ResilienceConstants;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One registry of Resilience4j circuit breakers, one breaker per integration. Connector routes name a configuration
 * ({@code circuitBreaker: configuration: shopifyCall}, {@code camel.resilience4j.configurations} in
 * application.yaml) that names the breaker ({@code shopifyBreaker}) and the call's timeout; health and metrics read
 * the same registry.
 */
@Configuration(proxyBeanMethods = false)
public class CircuitBreakers {

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(BreakerProperties properties) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRateThreshold())
                .minimumNumberOfCalls(properties.minimumCalls())
                .slidingWindowSize(properties.windowSize())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(properties.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // "not found" and the like are answers, not failures of the vendor
                .ignoreExceptions(ApiException.class)
                .build();
        return CircuitBreakerRegistry.of(config);
    }

    /**
     * What every circuit breaker has beneath its named configuration: its timeout runs on the bounded
     * {@link UpstreamCallExecutor}. Set here because it is a bean reference, which the starter's
     * {@code camel.resilience4j.*} properties cannot carry (they take an executor object, not a name); this bean stands
     * in for the starter's default configuration, so those top-level properties are not read.
     */
    @Bean(ResilienceConstants.DEFAULT_RESILIENCE_CONFIGURATION_ID)
    Resilience4jConfigurationDefinition defaultResilienceConfiguration() {
        Resilience4jConfigurationDefinition defaults = new Resilience4jConfigurationDefinition();
        defaults.setTimeoutExecutorService("upstreamCallExecutor");
        return defaults;
    }
}
