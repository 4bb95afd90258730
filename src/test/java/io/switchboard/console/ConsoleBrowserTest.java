package io.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.messaging.WebhookQueues;
import io.switchboard.support.ExternalTools;
import io.switchboard.support.HubTest;
import io.switchboard.support.PrivacyClient;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operators' console in a real browser: headless Chromium (Debian's {@code chromium}) driven by playwright-core
 * ({@code src/test/browser/console.mjs}). It signs in with the admin key, watches Shopify go DOWN after a WireMock
 * fault, sees a dead letter whose event type and failure carry script shown as inert text, replays it and sees it
 * processed, follows an erasure request started through the privacy API system by system, and mints and revokes an
 * API key. Screenshots land in {@code target/console-screenshots/}.
 */
@HubTest
class ConsoleBrowserTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final String SOURCE = "flaky";
    private static final String PREFIX = "console-";
    private static final String HOSTILE_TYPE = "<img src=x onerror=\"window.__pwned='type';alert('type')\">";
    private static final String HOSTILE_REASON = "<script>window.__pwned='reason';alert('reason')</script>";
    /** While set, processing this test's events of the "flaky" source fails with a script-bearing message. */
    private static final AtomicBoolean FAILING = new AtomicBoolean();
    private static boolean advised;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CircuitBreaker shopifyBreaker;

    @Autowired
    @Qualifier("orderCache")
    Cache<String, ?> orderCache;

    @BeforeEach
    void failThisTestsEventsOnDemand() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "webhooks-process", route -> route.weaveAddFirst().process(exchange -> {
                String eventId = exchange.getMessage().getHeader(WebhookQueues.EVENT_ID, String.class);
                if (FAILING.get() && eventId != null && eventId.startsWith(PREFIX)) {
                    throw new IllegalStateException("vendor said " + HOSTILE_REASON);
                }
            }));
            advised = true;
        }
        restore();
    }

    @AfterEach
    void restore() {
        FAILING.set(false);
        ShopifySandbox.reset();
        shopifyBreaker.reset();
        orderCache.invalidateAll();
    }

    @Test
    void anOperatorSeesAnOutageAndReplaysAHostileDeadLetterWhichStaysText() throws Exception {
        String eventId = PREFIX + UUID.randomUUID();
        FAILING.set(true);
        String body = json.writeValueAsString(Map.of("type", HOSTILE_TYPE, "data", Map.of("id", "in_1")));
        assertThat(Webhooks.postStandard(port, SOURCE, eventId, body).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLettered(eventId));
        FAILING.set(false);

        PrivacyClient privacy = new PrivacyClient(port, mint("console erasure " + UUID.randomUUID(), "privacy:admin"));
        String customer = "console-erasure-" + UUID.randomUUID();
        String requestId = privacy.erased(customer);

        JsonNode report = run(eventId, requestId);

        assertThat(report.path("error").isMissingNode()).as(report.toString()).isTrue();
        JsonNode steps = report.path("steps");
        assertThat(steps.at("/page/status").asInt()).isEqualTo(200);
        assertThat(steps.at("/page/csp").asText()).contains("default-src 'self'").contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(steps.at("/wrongKey/loginShown").asBoolean()).isTrue();

        assertThat(steps.at("/before/shopify").asText()).isEqualTo("UP");
        assertThat(steps.at("/after/shopify").asText()).isEqualTo("DOWN");
        assertThat(steps.at("/after/circuit").asText()).isEqualTo("OPEN");
        assertThat(shopifyBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThat(steps.at("/deliveries/row/0").asText()).isEqualTo(SOURCE);

        assertThat(steps.at("/deadLetter/eventType").asText()).isEqualTo(HOSTILE_TYPE);
        assertThat(steps.at("/deadLetter/reason").asText()).contains(HOSTILE_REASON);
        assertThat(steps.at("/deadLetter/elementsInCells").asInt()).isZero();
        assertThat(steps.at("/deadLetter/injectedImages").asInt()).isZero();
        assertThat(steps.at("/deadLetter/injectedScripts").toString()).isEqualTo(
                "[\"http://localhost:" + port + "/console/console.js\"]");
        assertThat(steps.at("/deadLetter/pwned").isNull()).isTrue();
        assertThat(report.path("pwnedAtEnd").isNull()).isTrue();
        assertThat(report.path("dialogs")).isEmpty();
        assertThat(report.path("cspViolations")).isEmpty();
        assertThat(report.path("pageErrors")).isEmpty();

        assertThat(steps.at("/replay/status").asText()).startsWith("processed ");
        assertThat(steps.at("/replay/goneAfterRefresh").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_processed WHERE source = ? AND event_id = ?",
                Integer.class, SOURCE, eventId)).isEqualTo(1);

        // every system of the erasure has its row, the hub's own part completed, the unconnected vendors not applicable
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        steps.at("/erasure/rows").forEach(row -> rows.put(row.path("system").asText(), row.path("cells")));
        List<String> systems = new ArrayList<>();
        privacy.request(requestId).path("systems").forEach(system -> systems.add(system.path("system").asText()));
        assertThat(rows.keySet()).containsExactlyElementsOf(systems).hasSizeGreaterThan(1);
        assertThat(rows.get("switchboard").get(0).asText()).isEqualTo(requestId);
        assertThat(rows.get("switchboard").get(1).asText()).isEqualTo("api");
        assertThat(rows.get("switchboard").get(5).asText()).isEqualTo("completed");
        for (String system : systems) {
            JsonNode part = privacy.system(requestId, system);
            if (part.path("status").asText().equals("not_applicable")) {
                assertThat(rows.get(system).get(5).asText()).as(system).isEqualTo("not_applicable");
                assertThat(rows.get(system).get(7).asText()).as(system).isEqualTo(part.path("reason").asText());
            }
        }
        assertThat(rows.values()).extracting(JsonNode::toString).noneMatch(cells -> cells.contains(customer));

        String minted = steps.at("/apiKeys/mintedKey").asText();
        assertThat(minted).isNotBlank();
        assertThat(adminGet("/admin/integrations", minted).statusCode()).isEqualTo(401);   // revoked
        assertThat(jdbc.queryForObject("SELECT revoked_at IS NOT NULL FROM api_keys WHERE id = ?", Boolean.class,
                steps.at("/apiKeys/keyId").asText())).isTrue();
        assertThat(steps.at("/signOut/loginShown").asBoolean()).isTrue();
        assertThat(steps.at("/signOut/stored").asInt()).isZero();
    }

    @Test
    void theConsoleIsPublicButItsDataNeedsTheAdminKey() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/console/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleWebConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(page.body()).contains("<script src=\"console.js\" defer></script>").doesNotContain("<script>");

        for (String path : new String[] {"/admin/integrations", "/admin/deliveries", "/admin/erasure-requests"}) {
            assertThat(adminGet(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(adminGet(path, "wrong").statusCode()).as(path).isEqualTo(401);
            HttpResponse<String> answer = adminGet(path, ADMIN_KEY);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(json.readTree(answer.body()).path("items").isArray()).isTrue();
        }
        assertThat(adminGet("/admin/deliveries/flaky/events/nothing-here", ADMIN_KEY).statusCode()).isEqualTo(404);
        assertThat(adminGet("/admin/erasure-requests?limit=0", ADMIN_KEY).statusCode()).isEqualTo(400);
        assertThat(adminGet("/admin/erasure-requests", mint("console privacy only", "privacy:admin")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void erasureRequestsAreListedNewestFirstWithoutTheCustomer() throws Exception {
        PrivacyClient privacy = new PrivacyClient(port, mint("console erasures " + UUID.randomUUID(), "privacy:admin"));
        String customer = "console-listed-" + UUID.randomUUID();
        String requestId = privacy.erased(customer);

        HttpResponse<String> answer = adminGet("/admin/erasure-requests?limit=1", ADMIN_KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode items = json.readTree(answer.body()).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("requestId").asText()).isEqualTo(requestId);
        assertThat(items.get(0).path("systems").get(0).path("system").asText()).isEqualTo("switchboard");
        assertThat(answer.body()).doesNotContain(customer);
    }

    /** A key minted through the admin API with the admin key. */
    private String mint(String name, String scope) throws Exception {
        HttpResponse<String> minted = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/api-keys")).header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("name", name,
                        "scopes", List.of(scope))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        return json.readTree(minted.body()).path("key").asText();
    }

    private JsonNode run(String eventId, String requestId) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/console-browser"));
        Path plan = Files.createTempFile(dir, "plan-", ".json");
        Path report = Files.createTempFile(dir, "report-", ".json");
        Map<String, Object> contents = new LinkedHashMap<>();
        contents.put("chromium", ExternalTools.debianCommand("chromium", "chromium"));
        contents.put("userDataDir", Files.createTempDirectory(dir, "profile-").toAbsolutePath().toString());
        contents.put("base", "http://localhost:" + port);
        contents.put("adminKey", ADMIN_KEY);
        contents.put("token", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));
        contents.put("shopifyAdmin", ShopifySandbox.baseUrl() + "/__admin");
        contents.put("deadLetter", Map.of("source", SOURCE, "eventId", eventId));
        contents.put("erasure", Map.of("requestId", requestId));
        contents.put("screenshots", Path.of("target/console-screenshots").toAbsolutePath().toString());
        json.writeValue(plan.toFile(), contents);
        ExternalTools.Result result = ExternalTools.node("src/test/browser", "console.mjs",
                plan.toAbsolutePath().toString(), report.toAbsolutePath().toString());
        assertThat(result.ok()).as(result.output()).isTrue();
        return json.readTree(report.toFile());
    }

    private boolean deadLettered(String eventId) throws Exception {
        HttpResponse<String> page = adminGet("/admin/dead-letters?source=" + SOURCE + "&limit=500", ADMIN_KEY);
        for (JsonNode item : json.readTree(page.body()).path("items")) {
            if (eventId.equals(item.path("eventId").asText())) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse<String> adminGet(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
