package io.switchboard.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth client credentials: cached, renewed before expires_in runs out, one request for concurrent callers. */
class OAuthClientCredentialsTest {

    private final WireMockServer issuer = new WireMockServer(options().dynamicPort());
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T06:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private OAuthClientCredentials credentials;

    @BeforeEach
    void start() {
        issuer.start();
        issuer.stubFor(post("/oauth/tokens").willReturn(okJson(
                "{\"access_token\":\"tok-1\",\"token_type\":\"bearer\",\"expires_in\":3600,\"scope\":\"read write\"}")));
        credentials = new OAuthClientCredentials(URI.create("http://127.0.0.1:" + issuer.port() + "/oauth/tokens"),
                "hub", "client-secret-value", "read write", HttpClient.newHttpClient(), new ObjectMapper(), clock,
                Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        issuer.stop();
    }

    @Test
    void fetchesOnceAndKeepsTheTokenUntilShortlyBeforeItExpires() {
        assertThat(credentials.authorization()).isEqualTo("Bearer tok-1");
        now.set(now.get().plusSeconds(3500));
        assertThat(credentials.authorization()).isEqualTo("Bearer tok-1");
        issuer.verify(1, postRequestedFor(urlEqualTo("/oauth/tokens"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=hub")));

        now.set(now.get().plusSeconds(60));   // within a minute of expiry: renewed ahead
        credentials.authorization();
        issuer.verify(2, postRequestedFor(urlEqualTo("/oauth/tokens")));
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(credentials::authorization);
            }
            for (Future<String> answer : callers.invokeAll(calls)) {
                assertThat(answer.get()).isEqualTo("Bearer tok-1");
            }
        } finally {
            callers.shutdown();
        }
        issuer.verify(1, postRequestedFor(urlEqualTo("/oauth/tokens")));
    }

    @Test
    void aRefreshForgetsTheTokenAndAFailedFetchIsAnIoFailure() {
        credentials.authorization();
        credentials.refresh();
        credentials.authorization();
        issuer.verify(2, postRequestedFor(urlEqualTo("/oauth/tokens")));

        issuer.stubFor(post("/oauth/tokens").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(401).withBody("{\"error\":\"invalid_client\"}")));
        credentials.refresh();
        assertThatThrownBy(credentials::authorization).isInstanceOf(UncheckedIOException.class)
                .hasMessageNotContaining("client-secret-value");
    }
}
