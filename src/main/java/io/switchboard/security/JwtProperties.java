package io.switchboard.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.security.jwt.*}: how chat backend tokens are checked.
 *
 * @param secret          HS256 shared secret, at least 32 bytes (from the environment)
 * @param publicKey       PEM public key (RSA for RS256, EC P-256 for ES256)
 * @param jwksUrl         JWKS URL for RS256/ES256 keys; cached, and refetched when a token names an unknown key id
 * @param jwksRefetch     at most one such refetch in this interval
 * @param audience        the required {@code aud}
 * @param clockSkew       tolerance on {@code exp} and {@code nbf}
 * @param ephemeralSecret when no secret is set, make a random one for this run (the local profile does)
 */
@ConfigurationProperties("switchboard.security.jwt")
public record JwtProperties(
        String secret,
        String publicKey,
        java.net.URL jwksUrl,
        @DefaultValue("1m") Duration jwksRefetch,
        @DefaultValue("switchboard") String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("false") boolean ephemeralSecret) {
}
