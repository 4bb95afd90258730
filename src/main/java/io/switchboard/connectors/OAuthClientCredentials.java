package io.switchboard.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.resilience.TokenRefresh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An OAuth 2.0 access token for one integration, by the client-credentials grant or the refresh-token grant: fetched when first needed, kept until shortly
 * before its {@code expires_in} runs out, then fetched again; callers that need it at the same moment share one
 * request. {@link #refresh()} (a 401 from the vendor) forgets it. The client secret never leaves this object.
 */
public class OAuthClientCredentials implements Credentials, TokenRefresh {

    private final URI tokenUrl;
    private final String form;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration refreshAhead;
    private final String scheme;
    private String token;
    private Instant expiresAt = Instant.MIN;

    public OAuthClientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope, HttpClient http,
                                  ObjectMapper json, Clock clock, Duration refreshAhead) {
        this(tokenUrl, "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret) + (scope == null || scope.isBlank() ? "" : "&scope=" + encode(scope)),
                "Bearer", http, json, clock, refreshAhead);
    }

    private OAuthClientCredentials(URI tokenUrl, String form, String scheme, HttpClient http, ObjectMapper json,
                                   Clock clock, Duration refreshAhead) {
        this.tokenUrl = tokenUrl;
        this.form = form;
        this.scheme = scheme;
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.refreshAhead = refreshAhead;
    }

    /**
     * The refresh-token grant (RFC 6749 section 6): a long-lived refresh token the vendor issued once, exchanged for
     * short-lived access tokens; {@code scheme} is the word before the token ({@code Bearer}, Zoho's
     * {@code Zoho-oauthtoken}).
     */
    public static OAuthClientCredentials refreshToken(URI tokenUrl, String clientId, String clientSecret,
                                                      String refreshToken, String scheme, HttpClient http,
                                                      ObjectMapper json, Clock clock, Duration refreshAhead) {
        return new OAuthClientCredentials(tokenUrl, "grant_type=refresh_token&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret) + "&refresh_token=" + encode(refreshToken),
                scheme == null || scheme.isBlank() ? "Bearer" : scheme.trim(), http, json, clock, refreshAhead);
    }

    /** {@code Bearer <token>}, fetching a new token first when there is none or it is about to expire. */
    @Override
    public synchronized String authorization() {
        if (token == null || clock.instant().isAfter(expiresAt.minus(refreshAhead))) {
            fetch();
        }
        return scheme + " " + token;
    }

    @Override
    public synchronized void refresh() {
        token = null;
    }

    private void fetch() {
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("token endpoint answered " + response.statusCode());
            }
            JsonNode answer = json.readTree(response.body());
            if (!answer.path("access_token").isTextual()) {
                throw new IOException("token endpoint answered without an access_token");
            }
            token = answer.path("access_token").asText();
            expiresAt = clock.instant().plusSeconds(answer.path("expires_in").asLong(3600));
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // an I/O failure: the vendor call is retried, then unavailable
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while fetching a token"));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
