package io.switchboard.connectors.freshdesk;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.connectors.Credentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the Freshdesk adapter routes name: its breaker and its API-key credentials. */
@Configuration(proxyBeanMethods = false)
public class FreshdeskBeans {

    @Bean
    CircuitBreaker freshdeskBreaker(CircuitBreakerRegistry breakers) {
        return breakers.circuitBreaker("freshdesk");
    }

    /** API-key credentials: {@code Authorization: Basic base64("{api_key}:X")}, as Freshdesk documents it. */
    @Bean
    Credentials freshdeskCredentials(@Value("${switchboard.vendors.freshdesk.api-key:}") String apiKey) {
        return Credentials.basic(apiKey, "X");
    }
}
