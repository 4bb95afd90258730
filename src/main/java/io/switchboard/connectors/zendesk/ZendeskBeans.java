package io.switchboard.connectors.zendesk;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the Zendesk adapter routes name: its breaker and its API-token credentials. */
@Configuration(proxyBeanMethods = false)
public class ZendeskBeans {

    @Bean
    CircuitBreaker zendeskBreaker(CircuitBreakerRegistry breakers) {
        return breakers.circuitBreaker("zendesk");
    }

    /** API-token credentials: {@code Authorization: Basic base64("{email}/token:{api_token}")}. */
    public record Credentials(String authorization) {
    }

    @Bean
    Credentials zendeskCredentials(@Value("${switchboard.vendors.zendesk.email:}") String email,
                                   @Value("${switchboard.vendors.zendesk.api-token:}") String token) {
        return new Credentials("Basic "
                + Base64.getEncoder().encodeToString((email + "/token:" + token).getBytes(StandardCharsets.UTF_8)));
    }
}
