package io.switchboard.connectors.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.SwitchedHub;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * switchboard.kb.provider=notion end to end, on a hub of its own: Notion's pages as the same canonical articles as
 * the other knowledge bases give, their text from their blocks, and Notion's failures as the contract's errors.
 */
class NotionKbTest {

    private static final String SEARCH = "/v1/search";

    @TempDir
    static Path data;
    static ConfigurableApplicationContext hub;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startHub() {
        hub = SwitchedHub.start(data, "switchboard.kb.provider=notion",
                "switchboard.vendors.notion.token=secret_sandboxIntegrationToken");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @BeforeEach
    @AfterEach
    void fresh() {
        Sandboxes.reset("notion");
        hub.getBean("kbCache", Cache.class).invalidateAll();
        hub.getBean("notionBreaker", CircuitBreaker.class).reset();
    }

    @Test
    void pagesAreTheCanonicalArticlesWithTheirBlocksAsText() throws Exception {
        HttpResponse<String> response = search("where is my order", 3);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = json.readTree(response.body()).path("results");
        assertThat(results).hasSize(2);
        JsonNode first = results.get(0);
        assertThat(first.path("id").asText()).isEqualTo("1a2b3c4d-0000-4000-8000-000000098307");
        assertThat(first.path("title").asText()).isEqualTo("Where is my order?");
        assertThat(first.path("source").asText()).isEqualTo("notion");
        assertThat(first.path("snippet").asText()).isEqualTo("Shipping Orders ship within 2 business days. You can"
                + " track your parcel with the link in your shipping email & on the \"My orders\" page.");
        assertThat(URI.create(first.path("url").asText()).getHost()).isEqualTo("www.notion.so");
        assertThat(Instant.parse(first.path("updatedAt").asText())).isEqualTo(Instant.parse("2026-10-14T12:30:00Z"));
        assertThat(results.get(1).path("title").asText()).isEqualTo("Returns & refunds");
    }

    @Test
    void searchesPagesOnlyWithTheIntegrationsTokenAndNotionVersion() throws Exception {
        assertThat(search("Where is my order?", 3).statusCode()).isEqualTo(200);

        Sandboxes.server("notion").verify(1, postRequestedFor(urlPathEqualTo(SEARCH))
                .withHeader("Authorization", equalTo("Bearer secret_sandboxIntegrationToken"))
                .withHeader("Notion-Version", equalTo("2022-06-28"))
                .withRequestBody(matchingJsonPath("$.query", equalToIgnoreCase("where is my order?")))
                .withRequestBody(matchingJsonPath("$.filter.value", equalTo("page")))
                .withRequestBody(matchingJsonPath("$.page_size", equalTo("3"))));
        Sandboxes.server("notion").verify(2, getRequestedFor(urlPathMatching("/v1/blocks/.+/children"))
                .withHeader("Notion-Version", equalTo("2022-06-28")));
    }

    @Test
    void aLongRateLimitIsPassedOnWithItsRetryAfter() throws Exception {
        Sandboxes.server("notion").stubFor(post(urlPathEqualTo(SEARCH)).atPriority(0).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "30").withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"error\",\"status\":429,\"code\":\"rate_limited\",\"message\":\"slow down\"}")));

        HttpResponse<String> response = search(question(), 5);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("upstream_rate_limited");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void malformedJsonIsAnUpstreamErrorNotA500() throws Exception {
        Sandboxes.server("notion").stubFor(post(urlPathEqualTo(SEARCH)).atPriority(0).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"results\": [")));

        HttpResponse<String> response = search(question(), 5);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(json.readTree(response.body()).path("source").asText()).isEqualTo("kb");
    }

    /** A question no other test asked, so that the cache cannot answer it. */
    private static String question() {
        return "refund " + UUID.randomUUID().toString().substring(0, 8);
    }

    private HttpResponse<String> search(String question, int limit) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + SwitchedHub.port(hub)
                        + "/api/v1/kb/search?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8) + "&limit=" + limit))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "kb:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
