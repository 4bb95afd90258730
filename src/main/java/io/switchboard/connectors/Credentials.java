package io.switchboard.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * How a connector's request route authenticates: {@code ${bean:<vendor>Credentials.authorization}} is the
 * {@code Authorization} header value, static (an API key) or renewed (an OAuth token).
 */
public interface Credentials {

    String authorization();

    /** A fixed header value, such as Basic API-key credentials. */
    static Credentials fixed(String authorization) {
        return () -> authorization;
    }

    /** HTTP Basic credentials (RFC 7617, UTF-8). */
    static Credentials basic(String user, String password) {
        return fixed("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** No credential of ours: the vendor's own component authenticates (Salesforce). */
    Credentials NONE = () -> null;

    /** The credentials a vendor's {@code credentials} block describes ({@link VendorSettings.Auth}). */
    static Credentials of(VendorSettings.Auth auth, ObjectMapper json) {
        if (!VendorSettings.Auth.blank(auth.tokenUrl())) {
            HttpClient http = HttpClient.newHttpClient();
            if ("refresh_token".equals(auth.grant())) {
                return OAuthClientCredentials.refreshToken(URI.create(auth.tokenUrl().trim()), auth.clientId(),
                        auth.clientSecret(), auth.refreshToken(), auth.scheme(), http, json, Clock.systemUTC(),
                        Duration.ofMinutes(1));
            }
            return new OAuthClientCredentials(URI.create(auth.tokenUrl().trim()), auth.clientId(), auth.clientSecret(),
                    VendorSettings.Auth.blank(auth.scope()) ? null : auth.scope(), http, json, Clock.systemUTC(),
                    Duration.ofMinutes(1));
        }
        if (!VendorSettings.Auth.blank(auth.user())) {
            return basic(auth.user(), auth.password() == null ? "" : auth.password());
        }
        if (auth.token() != null) {
            return fixed(VendorSettings.Auth.blank(auth.scheme()) ? auth.token() : auth.scheme().trim() + " " + auth.token());
        }
        return NONE;
    }
}
