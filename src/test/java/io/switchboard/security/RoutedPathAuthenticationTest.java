package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.HubTest;
import io.switchboard.support.Http;
import io.switchboard.support.Tokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Authentication holds for every path that reaches a chat, privacy or admin endpoint, however the path is written:
 * each operation of the OpenAPI document (which names every Camel REST route, checked here) refuses a call without
 * credentials with 401, and so do its dot-segment, encoded and parameter variants, each attempt audited.
 */
@HubTest
class RoutedPathAuthenticationTest {

    /** Operations anyone may call, or that authenticate by the vendor's signature. */
    private static final List<String> PUBLIC = List.of("/api/v1/openapi.json", "/webhooks/", "/actuator/");

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    AuditLog audit;

    private Http http;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theOpenApiDocumentNamesEveryRestRoute() throws Exception {
        JsonNode paths = openApiPaths();
        List<RestDefinition> rests =
                camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions();

        assertThat(rests).isNotEmpty();
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = rest.getPath() + (verb.getPath() == null ? "" : verb.getPath());
                assertThat(paths.path(path).has(verb.asVerb().toLowerCase(Locale.ROOT)))
                        .as(verb.asVerb() + " " + path).isTrue();
            }
        }
    }

    @Test
    void everyGuardedOperationRefusesACallWithoutCredentialsAndAuditsIt() throws Exception {
        List<String[]> operations = guardedOperations();
        assertThat(operations).hasSizeGreaterThan(10);
        for (String[] operation : operations) {
            String requestId = "noauth-" + UUID.randomUUID();
            HttpResponse<String> response = http.send(operation[0], operation[1], body(operation[0]),
                    "X-Request-Id", requestId, "Content-Type", "application/json");

            assertThat(response.statusCode()).as(operation[0] + " " + operation[1]).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
            assertAudited(operation[0] + " " + operation[1], requestId);
        }
    }

    @Test
    void dotSegmentEncodedAndParameterVariantsOfEveryGuardedPathAreRefusedAndAudited() throws Exception {
        Instant started = Instant.now().minusSeconds(1);
        Map<String, String> refused = new java.util.HashMap<>();   // request id -> action
        for (String[] operation : guardedOperations()) {
            for (String variant : variants(operation[2])) {
                String requestId = "variant-" + UUID.randomUUID();
                String answer = http.raw(operation[0] + " " + variant + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-Request-Id: " + requestId + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                int status = Integer.parseInt(answer.substring(9, 12));
                String what = operation[0] + " " + variant + " -> " + answer;

                assertThat(status).as(what).isIn(400, 401, 404, 405);
                assertThat(answer).as(what).contains("Content-Type: application/problem+json");
                if (status == 401) {
                    refused.put(requestId, operation[0] + " " + variant);
                }
            }
        }
        assertThat(refused).hasSizeGreaterThan(50);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, String> audited = new java.util.HashMap<>();
            audit.find(null, null, "unauthenticated", started, 100_000)
                    .forEach(e -> audited.put(String.valueOf(e.requestId()), e.action()));
            assertThat(audited).containsAllEntriesOf(refused);
        });
    }

    @Test
    void aValidTokenOnADotSegmentPathIsAuthenticatedAndAuditedBeforeAnyRouteAnswers() throws Exception {
        String customer = "dots-" + UUID.randomUUID();
        String token = Tokens.forCustomer(customer, "orders:read customer:read");
        for (String path : List.of("/api/v1/orders/..", "/api/v1/customers/..", "/api/v1/orders/%2e%2e",
                "/api/v1/orders/%2E%2E", "/api/v1/orders/.", "/api/v1/customers/%2e%2e/context")) {
            String requestId = "dots-" + UUID.randomUUID();
            String answer = http.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nX-Request-Id: " + requestId + "\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(answer.substring(9, 12));

            assertThat(status).as(path + " -> " + answer).isIn(400, 404);
            assertThat(answer).as(path).contains("Content-Type: application/problem+json");
            List<AuditLog.Entry> entries = await().atMost(Duration.ofSeconds(10)).until(
                    () -> audit.find("jwt:" + customer, "GET " + path, null, null, 10), e -> !e.isEmpty());
            assertThat(entries.get(0).outcome()).as(path).isEqualTo("authenticated");
            assertThat(entries.get(0).requestId()).as(path).isEqualTo(requestId);
        }
    }

    private void assertAudited(String action, String requestId) {
        await("audited: " + action).atMost(Duration.ofSeconds(10)).until(
                () -> audit.find(null, action, "unauthenticated", null, 1_000).stream()
                        .anyMatch(e -> requestId.equals(e.requestId())));
    }

    /** {method, path with sample parameters, path template} of every operation that needs a credential. */
    private List<String[]> guardedOperations() throws Exception {
        List<String[]> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = openApiPaths().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (PUBLIC.stream().anyMatch(path.getKey()::startsWith)) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                JsonNode security = path.getValue().path(method).path("security");
                boolean declaredPublic = security.isArray() && security.isEmpty();   // OpenAPI's "security: []"
                if (List.of("get", "post", "put", "delete", "patch").contains(method) && !declaredPublic) {
                    operations.add(new String[] {method.toUpperCase(Locale.ROOT),
                            path.getKey().replaceAll("\\{[^}]+}", "1001"), path.getKey()});
                }
            }
        }
        return operations;
    }

    /** Ways of writing a path that a router and a prefix check may read differently. */
    private static List<String> variants(String template) {
        List<String> variants = new ArrayList<>();
        if (template.contains("{")) {
            for (String dots : List.of("..", "%2e%2e", "%2E%2E", ".", "%2e", "..;x=1", "%2e%2e%3bx")) {
                variants.add(template.replaceAll("\\{[^}]+}", dots));
            }
        }
        String path = template.replaceAll("\\{[^}]+}", "1001");
        String last = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.substring(0, path.lastIndexOf('/'));
        variants.addAll(List.of(path + "/..", path + "/%2e%2e", path + "/%2E%2E/", path + "/.", path + "/%2e",
                parent + "/x/../" + last, parent + "/x/%2e%2e/" + last, path.replaceFirst("/v1/", "/v1;x=1/"),
                path.replaceFirst("/v1/", "//v1/"), path.replaceFirst("^/api/", "/%61pi/"),
                path.replaceFirst("^/admin/", "/%61dmin/"), path + ";x", path + "%3bx"));
        return variants;
    }

    private static String body(String method) {
        return method.equals("GET") || method.equals("DELETE") ? null : "{}";
    }

    private JsonNode openApiPaths() throws Exception {
        return json.readTree(http.send("GET", "/api/v1/openapi.json", (String) null).body()).path("paths");
    }
}
