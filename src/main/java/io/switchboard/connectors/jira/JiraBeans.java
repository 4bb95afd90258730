package io.switchboard.connectors.jira;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.connectors.Credentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the Jira Service Management adapter routes name: its breaker and its credentials. */
@Configuration(proxyBeanMethods = false)
public class JiraBeans {

    @Bean
    CircuitBreaker jiraBreaker(CircuitBreakerRegistry breakers) {
        return breakers.circuitBreaker("jira");
    }

    /** An Atlassian account's email and API token as Basic credentials, as Atlassian documents for Cloud APIs. */
    @Bean
    Credentials jiraCredentials(@Value("${switchboard.vendors.jira.email:}") String email,
                                @Value("${switchboard.vendors.jira.api-token:}") String apiToken) {
        return Credentials.basic(email, apiToken);
    }
}
