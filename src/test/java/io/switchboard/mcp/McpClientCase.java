package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.ExternalTools;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the tests that drive the MCP server with the official TypeScript MCP SDK share ({@code src/test/mcp-client/
 * client.mjs}: its {@code Client} over {@code StreamableHTTPClientTransport}, the bearer token in
 * {@code requestInit.headers}): a warmed-up hub with the vendors' sandboxes, the order cache and Shopify's breaker
 * reset around each test, a plan of steps run by the client, and the reading of its tool results.
 */
abstract class McpClientCase {

    private static final String CLIENT = "src/test/mcp-client";

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("orderCache")
    private Cache<String, ?> orderCache;

    @Autowired
    private CircuitBreaker shopifyBreaker;

    private static boolean warm;

    @BeforeEach
    void freshState() throws Exception {
        if (!warm) {   // the first vendor calls after startup can outlast the test profile's short timeouts
            String reader = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read customer:read kb:read");
            for (String path : List.of("/api/v1/orders/1001", "/api/v1/kb/search?q=warm",
                    "/api/v1/customers/" + Tokens.CUSTOMER + "/context")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + port + path)).header("Authorization", "Bearer " + reader).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return answer.statusCode() == 200 && !answer.body().contains("\"timeout\"")
                            && !answer.body().contains("\"unavailable\"");
                });
            }
            String writer = Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write");
            String ticket = "{\"conversationId\":\"mcp-warm-up-" + UUID.randomUUID() + "\",\"subject\":\"warm-up\","
                    + "\"transcript\":[{\"role\":\"customer\",\"text\":\"hello\",\"at\":\"2026-11-24T06:00:00Z\"}]}";
            await().atMost(Duration.ofSeconds(20)).until(() -> http.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/api/v1/tickets")).header("Authorization", "Bearer " + writer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ticket))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() < 300);
            warm = true;
        }
        restore();
        jdbc.update("DELETE FROM order_cancellations");
    }

    @AfterEach
    void restore() {
        ShopifySandbox.reset();
        Sandboxes.reset("zendesk");
        Sandboxes.reset("hubspot");
        orderCache.invalidateAll();
        shopifyBreaker.reset();
    }

    JsonNode run(String token, List<Map<String, Object>> steps) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/mcp-client"));
        Path plan = Files.createTempFile(dir, "plan-", ".json");
        Path report = Files.createTempFile(dir, "report-", ".json");
        Map<String, Object> contents = new LinkedHashMap<>();
        contents.put("url", "http://localhost:" + port + "/mcp");
        contents.put("token", token);
        contents.put("steps", steps);
        json.writeValue(plan.toFile(), contents);
        ExternalTools.Result result = ExternalTools.node(CLIENT, "client.mjs", plan.toAbsolutePath().toString(),
                report.toAbsolutePath().toString());
        assertThat(result.ok()).as(result.output()).isTrue();
        return json.readTree(report.toFile());
    }

    static Map<String, Object> list() {
        return Map.of("op", "list");
    }

    static Map<String, Object> call(String name, Map<String, Object> arguments) {
        return Map.of("op", "call", "name", name, "arguments", arguments);
    }

    /** A successful tool result's answer: its structured content, which its text content holds too. */
    JsonNode answer(JsonNode step) throws Exception {
        JsonNode result = step.path("result");
        assertThat(result.path("isError").asBoolean()).as(step.toString()).isFalse();
        JsonNode text = json.readTree(result.at("/content/0/text").asText());
        assertThat(result.path("structuredContent")).isEqualTo(text);
        return text;
    }

    /** A failed tool result's problem: isError, with the contract's code. */
    JsonNode error(JsonNode step) throws Exception {
        JsonNode result = step.path("result");
        assertThat(result.path("isError").asBoolean()).as(step.toString()).isTrue();
        return json.readTree(result.at("/content/0/text").asText());
    }
}
