package io.switchboard.kb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The KB warm-up on a hub of its own (Confluence, two common questions, the first warm-up 100 ms after startup):
 * the questions are then answered from the cache, and a warm-up that fails is logged and done at the next one.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KbWarmUpTest {

    private static final String SEARCH = "/wiki/rest/api/search";

    @TempDir
    static Path data;
    static ConfigurableApplicationContext hub;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        Sandboxes.reset("confluence");
        hub = SwitchedHub.start(data, "switchboard.kb.provider=confluence",
                "switchboard.kb.warm-up.queries[0]=Where is my order?",
                "switchboard.kb.warm-up.queries[1]=  How do I return an item?",
                "switchboard.kb.warm-up.delay=100ms");
    }

    @AfterAll
    static void stop() {
        hub.close();
        Sandboxes.reset("confluence");
    }

    @Test
    @Order(1)   // before anything else touches the cache or the sandbox
    void afterTheStartupWarmUpTheCommonQuestionsAreAnsweredWithoutAskingConfluence() throws Exception {
        Cache<String, ?> cache = kbCache();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> cache.getIfPresent("5:where is my order?") != null
                        && cache.getIfPresent("5:how do i return an item?") != null);
        Sandboxes.server("confluence").resetRequests();

        HttpResponse<String> first = search("Where is my order?");
        HttpResponse<String> second = search("how do I return an item?");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json.readTree(first.body()).path("results").get(0).path("title").asText()).isEqualTo("Where is my order?");
        assertThat(second.statusCode()).isEqualTo(200);
        Sandboxes.server("confluence").verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
        TimerEndpoint timer = (TimerEndpoint) hub.getBean(CamelContext.class).getRoute("jobs-kb-warm-up").getEndpoint();
        assertThat(timer.getPeriod()).as("switchboard.kb.warm-up.every: 3h").isEqualTo(Duration.ofHours(3).toMillis());
    }

    @Test
    @Order(2)
    void aWarmUpThatFailsIsLoggedAndTheNextOneWarmsTheCache(CapturedOutput output) {
        ProducerTemplate camel = hub.getBean(ProducerTemplate.class);
        Sandboxes.server("confluence").stubFor(get(urlPathEqualTo(SEARCH)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        kbCache().invalidateAll();

        camel.sendBody("direct:jobs.kb.warm-up", null);

        assertThat(output.getOut()).contains("KB warm-up: \"Where is my order?\" failed (HttpOperationFailedException); asked again at the next warm-up");
        assertThat(kbCache().estimatedSize()).isZero();
        assertThat(hub.getBean(CamelContext.class).getRouteController().getRouteStatus("jobs-kb-warm-up").isStarted())
                .isTrue();

        Sandboxes.reset("confluence");
        hub.getBean("confluenceBreaker", CircuitBreaker.class).reset();
        camel.sendBody("direct:jobs.kb.warm-up", null);

        assertThat(kbCache().getIfPresent("5:where is my order?")).isNotNull();
        assertThat(kbCache().getIfPresent("5:how do i return an item?")).isNotNull();
        Sandboxes.server("confluence").verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @SuppressWarnings("unchecked")
    private static Cache<String, ?> kbCache() {
        return hub.getBean("kbCache", Cache.class);
    }

    private HttpResponse<String> search(String question) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + SwitchedHub.port(hub)
                        + "/api/v1/kb/search?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "kb:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
