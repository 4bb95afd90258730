package io.switchboard.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code switchboard_auth_failures_total{kind,source}}: inbound requests refused for their credentials. {@code kind}
 * is a small closed set (jwt_missing, jwt_malformed, jwt_expired, jwt_audience, jwt_invalid, apikey_missing,
 * apikey_unknown, apikey_revoked, apikey_scope, webhook_signature_invalid, webhook_signature_stale); {@code source}
 * is the API refused (chat_api, admin_api, privacy_api) or the webhook source. No credential, subject or address
 * is ever a label. Classification runs on the failure path only: a refused token's claims are read unverified,
 * just to tell an expired or mis-addressed token from a forged one.
 */
@Component
public class AuthMetrics {

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final JwtProperties jwt;

    public AuthMetrics(MeterRegistry registry, JdbcTemplate jdbc, JwtProperties jwt) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.jwt = jwt;
    }

    /** A chat API request without an acceptable bearer token ({@code token} null when none was presented). */
    public void jwtRefused(String token) {
        failed(jwtKind(token, Instant.now()), "chat_api");
    }

    /** An admin or privacy API request without an acceptable API key ({@code secret} null when none). */
    public void apiKeyRefused(String path, String secret) {
        failed(apiKeyKind(secret), apiOf(path));
    }

    /** An API key that is valid but lacks the scope the path needs. */
    public void apiKeyLacksScope(String path) {
        failed("apikey_scope", apiOf(path));
    }

    /** A webhook delivery whose signature failed ({@code stale}: its signed timestamp is out of tolerance). */
    public void webhookSignatureRefused(String source, boolean stale) {
        failed(stale ? "webhook_signature_stale" : "webhook_signature_invalid", source);
    }

    private void failed(String kind, String source) {
        Counter.builder("switchboard.auth.failures").tag("kind", kind).tag("source", source)
                .description("Inbound requests refused for their credentials").register(registry).increment();
    }

    String jwtKind(String token, Instant now) {
        if (token == null || token.isBlank()) {
            return "jwt_missing";
        }
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(token).getJWTClaimsSet();
        } catch (Exception e) {
            return "jwt_malformed";
        }
        Date expires = claims.getExpirationTime();
        if (expires != null && expires.toInstant().plus(jwt.clockSkew()).isBefore(now)) {
            return "jwt_expired";
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(jwt.audience())) {
            return "jwt_audience";
        }
        return "jwt_invalid";
    }

    private String apiKeyKind(String secret) {
        if (secret == null || secret.isBlank()) {
            return "apikey_missing";
        }
        if (secret.length() > 256) {
            return "apikey_unknown";
        }
        Integer known = jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE key_hash = ?", Integer.class,
                (Object) ApiKeys.hash(secret));
        return known != null && known > 0 ? "apikey_revoked" : "apikey_unknown";
    }

    private static String apiOf(String path) {
        return path != null && path.startsWith(Scopes.PRIVACY_PATH) ? "privacy_api" : "admin_api";
    }
}
