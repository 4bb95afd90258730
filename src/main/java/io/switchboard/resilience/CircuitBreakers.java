package io.switchboard.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.api.ApiException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One registry of Resilience4j circuit breakers, one breaker per integration. Connector routes name their breaker
 * ({@code circuitBreaker: shopifyBreaker}); health and metrics read the same registry.
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
}
