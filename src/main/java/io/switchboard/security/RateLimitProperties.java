package io.switchboard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.security.rate-limits.*}: requests a second, and the burst allowed, on the chat and admin APIs.
 * Limits hold per instance: behind a load balancer spreading a client over N instances, it gets up to N times as
 * much, so set them divided by N (or route clients to one instance).
 *
 * The defaults' reasoning is in application.yaml.
 *
 * @param perIp     requests without valid credentials, by client address ({@link ClientAddress})
 * @param perClient a chat backend's end customer ({@code sub}) after authentication
 * @param perApiKey a server-to-server caller by API key id
 */
@ConfigurationProperties("switchboard.security.rate-limits")
public record RateLimitProperties(
        @DefaultValue({"20", "100"}) Limit perIp,
        @DefaultValue({"20", "40"}) Limit perClient,
        @DefaultValue({"1000", "2000"}) Limit perApiKey) {

    public record Limit(double rate, int burst) {
    }
}
