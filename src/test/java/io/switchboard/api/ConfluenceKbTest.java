package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.HubTest;
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
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * switchboard.kb.provider=confluence end to end, on a hub of its own (space SUP): the same canonical articles as
 * Zendesk Guide's on the shared hub, and Confluence failing in each way the outbound chain knows.
 */
@HubTest
class ConfluenceKbTest {

    private static final String SEARCH = "/wiki/rest/api/search";

    @TempDir
    static Path data;
    static ConfigurableApplicationContext confluenceHub;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int zendeskGuidePort;

    @Autowired
    @Qualifier("kbCache")
    Cache<String, ?> zendeskGuideCache;

    @BeforeAll
    static void startConfluenceHub() {
        confluenceHub = SwitchedHub.start(data, "switchboard.kb.provider=confluence",
                "switchboard.vendors.confluence.space=SUP");
    }

    @AfterAll
    static void stopConfluenceHub() {
        confluenceHub.close();
    }

    @BeforeEach
    @AfterEach
    void fresh() {
        Sandboxes.reset("confluence");
        Sandboxes.reset("zendesk");
        confluenceHub.getBean("kbCache", Cache.class).invalidateAll();
        confluenceHub.getBean("confluenceBreaker", CircuitBreaker.class).reset();
        zendeskGuideCache.invalidateAll();
    }

    @Test
    void switchingTheKnowledgeBaseKeepsTheCanonicalShape() throws Exception {
        HttpResponse<String> guide = search(zendeskGuidePort, "where is my order");
        HttpResponse<String> confluence = search(SwitchedHub.port(confluenceHub), "where is my order");

        assertThat(guide.statusCode()).as(guide.body()).isEqualTo(200);
        assertThat(confluence.statusCode()).as(confluence.body()).isEqualTo(200);
        JsonNode fromGuide = json.readTree(guide.body()).path("results");
        JsonNode fromConfluence = json.readTree(confluence.body()).path("results");
        assertThat(fromConfluence).hasSameSizeAs(fromGuide);
        for (int i = 0; i < fromGuide.size(); i++) {
            assertThat(fields(fromConfluence.get(i))).isEqualTo(fields(fromGuide.get(i)))
                    .containsExactly("id", "snippet", "source", "title", "updatedAt", "url");
            assertCanonical(fromGuide.get(i));
            assertCanonical(fromConfluence.get(i));
            assertThat(fromConfluence.get(i).path("title")).isEqualTo(fromGuide.get(i).path("title"));
        }
        assertThat(fromGuide.get(0).path("source").asText()).isEqualTo("zendesk-guide");
        assertThat(fromConfluence.get(0).path("source").asText()).isEqualTo("confluence");
        assertThat(fromConfluence.get(0).path("url").asText())
                .isEqualTo("https://example.atlassian.net/wiki/spaces/SUP/pages/98307/Where+is+my+order");
        assertThat(fromConfluence.get(0).path("snippet").asText()).isEqualTo("Orders ship within 2 business days. You can"
                + " track your parcel with the link in your shipping email & on the \"My orders\" page.");
    }

    @Test
    void searchesPagesForTheQuestionsWordsInTheSpaceWithTheAccountsToken() throws Exception {
        assertThat(search(SwitchedHub.port(confluenceHub), "Where is my order?", 3).statusCode()).isEqualTo(200);

        String credentials = "Basic " + Base64.getEncoder().encodeToString(
                "agent@example.com:sandbox-not-a-secret".getBytes(StandardCharsets.UTF_8));
        Sandboxes.server("confluence").verify(1, getRequestedFor(urlPathEqualTo(SEARCH))
                .withHeader("Authorization", equalTo(credentials))
                .withQueryParam("cql", equalTo("type = page AND text ~ \"where is my order\" AND space = \"SUP\""))
                .withQueryParam("limit", equalTo("3"))
                .withQueryParam("excerpt", equalTo("highlight")));
    }

    @Test
    void whatTheCustomerTypesStaysInsideTheTextSearch() throws Exception {
        HttpResponse<String> response = search(SwitchedHub.port(confluenceHub), "x\" OR space = \"HR");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Sandboxes.server("confluence").verify(1, getRequestedFor(urlPathEqualTo(SEARCH))
                .withQueryParam("cql", equalTo("type = page AND text ~ \"x or space = hr\" AND space = \"SUP\"")));
    }

    @Test
    void aShortRateLimitIsWaitedOutThenServed() throws Exception {
        Sandboxes.server("confluence").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .inScenario("rate limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("served"));

        HttpResponse<String> response = search(SwitchedHub.port(confluenceHub), question());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("results")).hasSize(2);
        Sandboxes.server("confluence").verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void aLongRateLimitIsPassedOnWithItsRetryAfter() throws Exception {
        Sandboxes.server("confluence").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        HttpResponse<String> response = search(SwitchedHub.port(confluenceHub), question());

        assertProblem(response, 503, "upstream_rate_limited");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerWhichThenAnswersWithoutCallingConfluence() throws Exception {
        Sandboxes.server("confluence").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 5; i++) {
            assertProblem(search(SwitchedHub.port(confluenceHub), question()), 503, "upstream_unavailable");
        }
        Sandboxes.server("confluence").resetRequests();

        HttpResponse<String> response = search(SwitchedHub.port(confluenceHub), question());

        assertProblem(response, 503, "upstream_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        Sandboxes.server("confluence").verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
        JsonNode health = json.readTree(call(SwitchedHub.port(confluenceHub), "/actuator/health").body());
        assertThat(health.path("components").path("integrations").path("components").path("confluence")
                .path("status").asText()).isEqualTo("DOWN");
        assertThat(call(SwitchedHub.port(confluenceHub), "/actuator/prometheus").body())
                .contains("switchboard_circuit_open{integration=\"confluence\"} 1.0");
    }

    @Test
    void malformedJsonIsAnUpstreamErrorNotA500() throws Exception {
        Sandboxes.server("confluence").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .willReturn(okJson("{\"results\": [ {\"content\": ")));

        HttpResponse<String> response = search(SwitchedHub.port(confluenceHub), question());

        assertProblem(response, 503, "upstream_unavailable");
        assertThat(response.body()).doesNotContain("content");
    }

    @Test
    void aSlowConfluenceIsAGatewayTimeout() throws Exception {
        Sandboxes.server("confluence").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .willReturn(okJson("{\"results\":[]}").withFixedDelay(5_000)));

        assertProblem(search(SwitchedHub.port(confluenceHub), question()), 504, "upstream_timeout");
    }

    @Test
    void theIntegrationHasItsHealthAndCallMetrics() throws Exception {
        assertThat(search(SwitchedHub.port(confluenceHub), question()).statusCode()).isEqualTo(200);

        JsonNode health = json.readTree(call(SwitchedHub.port(confluenceHub), "/actuator/health").body());
        assertThat(health.path("components").path("integrations").path("components").path("confluence")
                .path("status").asText()).isEqualTo("UP");
        assertThat(call(SwitchedHub.port(confluenceHub), "/actuator/prometheus").body())
                .contains("switchboard_integration_calls_total{integration=\"confluence\",outcome=\"success\"}")
                .contains("switchboard_integration_call_seconds_bucket{integration=\"confluence\"")
                .contains("switchboard_circuit_open{integration=\"confluence\"} 0.0");
    }

    private static void assertCanonical(JsonNode article) {
        assertThat(article.path("id").asText()).isNotBlank();
        assertThat(article.path("title").asText()).isNotBlank().doesNotContain("<", "@@@", "&amp;");
        assertThat(article.path("snippet").asText()).isNotBlank().doesNotContain("<", ">", "@@@", "&amp;", "&mdash;");
        assertThat(URI.create(article.path("url").asText()).getScheme()).isEqualTo("https");
        assertThat(Instant.parse(article.path("updatedAt").asText())).isBefore(Instant.now());
    }

    private static Set<String> fields(JsonNode article) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = article.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** A question no other test asked, so that the cache cannot answer it. */
    private static String question() {
        return "refund " + UUID.randomUUID().toString().substring(0, 8);
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("source").asText()).isEqualTo("kb");
    }

    private HttpResponse<String> search(int port, String question) throws Exception {
        return search(port, question, 5);
    }

    private HttpResponse<String> search(int port, String question, int limit) throws Exception {
        return call(port, "/api/v1/kb/search?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8) + "&limit=" + limit,
                Tokens.forCustomer(Tokens.CUSTOMER, "kb:read"));
    }

    private HttpResponse<String> call(int port, String path) throws Exception {
        return call(port, path, null);
    }

    private HttpResponse<String> call(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
