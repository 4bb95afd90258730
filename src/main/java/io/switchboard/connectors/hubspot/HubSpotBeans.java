package io.switchboard.connectors.hubspot;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the HubSpot adapter routes name. */
@Configuration(proxyBeanMethods = false)
public class HubSpotBeans {

    @Bean
    CircuitBreaker hubspotBreaker(CircuitBreakerRegistry breakers) {
        return breakers.circuitBreaker("hubspot");
    }
}
