package io.switchboard.connectors.zendesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.connectors.Credentials;
import io.switchboard.connectors.OAuthClientCredentials;
import io.switchboard.resilience.TokenRefresh;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans the Zendesk adapter routes name: its breaker and its credentials, an API token (Basic
 * {@code {email}/token:{api_token}}) or, when {@code switchboard.vendors.zendesk.oauth.token-url} is set, an OAuth
 * client-credentials token that a 401 renews.
 */
@Configuration(proxyBeanMethods = false)
public class ZendeskBeans {

    private static final String OAUTH = "switchboard.vendors.zendesk.oauth.token-url";

    @Bean
    CircuitBreaker zendeskBreaker(CircuitBreakerRegistry breakers) {
        return breakers.circuitBreaker("zendesk");
    }

    @Bean
    Credentials zendeskCredentials(@Value("${" + OAUTH + ":}") String tokenUrl,
                                   @Value("${switchboard.vendors.zendesk.oauth.client-id:}") String clientId,
                                   @Value("${switchboard.vendors.zendesk.oauth.client-secret:}") String secret,
                                   @Value("${switchboard.vendors.zendesk.oauth.scope:read write}") String scope,
                                   @Value("${switchboard.vendors.zendesk.email:}") String email,
                                   @Value("${switchboard.vendors.zendesk.api-token:}") String token,
                                   ObjectMapper json) {
        if (tokenUrl.isBlank()) {
            return Credentials.basic(email + "/token", token);
        }
        return new OAuthClientCredentials(URI.create(tokenUrl), clientId, secret, scope, HttpClient.newHttpClient(),
                json, Clock.systemUTC(), Duration.ofMinutes(1));
    }

    /** With OAuth, a 401 from Zendesk renews the token once (VendorCall). */
    @Bean
    @ConditionalOnProperty(name = OAUTH)
    TokenRefresh zendeskTokenRefresh(Credentials zendeskCredentials) {
        return (TokenRefresh) zendeskCredentials;
    }
}
