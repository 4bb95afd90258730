package io.switchboard.connectors.confluence;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.connectors.Credentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the Confluence adapter routes name: its breaker and its credentials. */
@Configuration(proxyBeanMethods = false)
public class ConfluenceBeans {

    @Bean
    CircuitBreaker confluenceBreaker(CircuitBreakerRegistry breakers) {
        return breakers.circuitBreaker("confluence");
    }

    /** An Atlassian account's email and API token as Basic credentials, as Atlassian documents for Cloud APIs. */
    @Bean
    Credentials confluenceCredentials(@Value("${switchboard.vendors.confluence.email:}") String email,
                                      @Value("${switchboard.vendors.confluence.api-token:}") String apiToken) {
        return Credentials.basic(email, apiToken);
    }
}
