package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GET /api/v1/kb/search end to end, with Zendesk Guide's sandbox as the knowledge base. */
@HubTest
class KbSearchTest {

    private static final String SEARCH = "/api/v2/help_center/articles/search.json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("kbCache")
    Cache<String, ?> kbCache;

    @Autowired
    ProducerTemplate camel;

    @BeforeEach
    void fresh() {
        Sandboxes.reset("zendesk");
        kbCache.invalidateAll();
    }

    @Test
    void findsArticlesWithPlainTextSnippets() throws Exception {
        HttpResponse<String> response = search("where%20is%20my%20order&limit=5");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = json.readTree(response.body()).path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("title").asText()).isEqualTo("Where is my order?");
        assertThat(results.get(0).path("snippet").asText())
                .isEqualTo("Orders ship within 2 business days. You can track your parcel with the link in your shipping email.");
        assertThat(results.get(0).path("url").asText()).startsWith("https://example.zendesk.com/hc/en-us/articles/");
        assertThat(results.get(0).path("source").asText()).isEqualTo("zendesk-guide");
        assertThat(results.get(1).path("title").asText()).isEqualTo("Returns & refunds");
        assertThat(response.body()).doesNotContain("<em>", "&mdash;");
        Sandboxes.server("zendesk").verify(getRequestedFor(urlPathEqualTo(SEARCH))
                .withQueryParam("query", equalTo("where is my order")).withQueryParam("per_page", equalTo("5")));
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCache() throws Exception {
        assertThat(search("Returns").statusCode()).isEqualTo(200);
        assertThat(search("returns").statusCode()).isEqualTo(200);

        Sandboxes.server("zendesk").verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void theQueryAndLimitAreChecked() throws Exception {
        assertThat(search("").statusCode()).isEqualTo(400);
        HttpResponse<String> tooMany = search("x&limit=500");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooMany.body()).path("field").asText()).isEqualTo("limit");
        HttpResponse<String> noWords = search("%3F%3F%21");
        assertThat(noWords.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noWords.body()).path("field").asText()).isEqualTo("q");
    }

    @Test
    void withoutCommonQuestionsTheWarmUpAsksNothing() {
        camel.sendBody("direct:jobs.kb.warm-up", null);

        Sandboxes.server("zendesk").verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
        assertThat(kbCache.estimatedSize()).isZero();
    }

    @Test
    void theKnowledgeBaseDownIsUnavailable() throws Exception {
        Sandboxes.stop("zendesk");
        try {
            HttpResponse<String> response = search("outage");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json.readTree(response.body()).path("source").asText()).isEqualTo("kb");
        } finally {
            Sandboxes.reset("zendesk");
        }
    }

    private HttpResponse<String> search(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/kb/search?q=" + query))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "kb:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
