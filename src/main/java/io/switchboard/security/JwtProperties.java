package io.switchboard.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.security.jwt.*}: how chat backend tokens are checked.
 *
 * @param secret          HS256 shared secret, at least 32 bytes (from the environment)
 * @param audience        the required {@code aud}
 * @param clockSkew       tolerance on {@code exp} and {@code nbf}
 * @param ephemeralSecret when no secret is set, make a random one for this run (the local profile does)
 */
@ConfigurationProperties("switchboard.security.jwt")
public record JwtProperties(
        String secret,
        @DefaultValue("switchboard") String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("false") boolean ephemeralSecret) {
}
