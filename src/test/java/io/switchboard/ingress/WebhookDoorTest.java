package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.switchboard.errors.Problems;
import io.switchboard.support.HubTest;
import io.switchboard.support.Webhooks;
import jakarta.servlet.http.MappingMatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The HTTP surface of {@code POST /webhooks/{source}} itself: which paths and methods it answers, and the exact shape
 * of its answers (what vendors and their retry logic see).
 */
@HubTest
class WebhookDoorTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ObservationRegistry observations;

    @Test
    void otherMethodsOnASourceAre405AllowingPost() throws Exception {
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = send(method, "/webhooks/github", "{}");

            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("POST");
            JsonNode problem = problem(response);
            assertThat(problem.path("code").asText()).isEqualTo("invalid_request");
            assertThat(problem.path("status").asInt()).isEqualTo(405);
            assertThat(problem.path("detail").asText()).isEqualTo("Method Not Allowed");
        }
        HttpResponse<String> head = send("HEAD", "/webhooks/github", null);
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).hasValue("POST");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void optionsNamesTheMethods() throws Exception {
        HttpResponse<String> response = send("OPTIONS", "/webhooks/github", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST,OPTIONS");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void pathsOtherThanOneSegmentAreNotFound() throws Exception {
        for (String path : List.of("/webhooks", "/webhooks/", "/webhooks/github/", "/webhooks/github/extra",
                "/webhooks/./github", "/webhooks//github", "/webhooks/api/v1/openapi.json",
                "/webhooks/admin/dead-letters", "/webhooks/actuator/health")) {
            for (String method : List.of("POST", "GET")) {
                HttpResponse<String> response = send(method, path, method.equals("POST") ? "{}" : null);

                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(404);
                assertThat(problem(response).path("code").asText()).as(method + " " + path).isEqualTo("not_found");
            }
        }
    }

    @Test
    void theSourceIsTheOneSegmentDecodedWithoutItsParameters() throws Exception {
        HttpResponse<String> withParameter = send("POST", "/webhooks/github;x=1", "{}");
        HttpResponse<String> encodedSlash = send("POST", "/webhooks/git%2Fhub", "{}");

        assertThat(withParameter.statusCode()).isEqualTo(401);
        assertThat(problem(withParameter).path("code").asText()).isEqualTo("invalid_signature");
        assertThat(encodedSlash.statusCode()).isEqualTo(404);
        assertThat(problem(encodedSlash).path("code").asText()).isEqualTo("unknown_source");
        assertThat(problem(encodedSlash).path("detail").asText()).isEqualTo("No webhook source named git/hub");
    }

    @Test
    void aDeliveryIsAnsweredWithExactlyItsReceipt() throws Exception {
        String delivery = "d-\"" + UUID.randomUUID() + "\\";

        HttpResponse<String> response = Webhooks.postGitHub(port, "github", Webhooks.GITHUB_SECRET, delivery,
                "{\"zen\":\"Keep it logically awesome.\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"id\":\"" + delivery.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"duplicate\":false}");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void aVendorsAcceptHeaderDoesNotRefuseADelivery() throws Exception {
        String body = "{\"action\":\"opened\"}";
        String signature = Webhooks.postGitHub(port, "github", Webhooks.GITHUB_SECRET, "d-" + UUID.randomUUID(), body)
                .request().headers().firstValue("X-Hub-Signature-256").orElseThrow();   // GitHub signs the body only
        String delivery = "d-" + UUID.randomUUID();

        HttpResponse<String> response = Webhooks.post(port, "github", body, "X-Hub-Signature-256", signature,
                "X-GitHub-Delivery", delivery, "Accept", "text/html");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":\"" + delivery + "\",\"duplicate\":false}");
    }

    @Test
    void webhookRequestsAreLeftOutOfHttpServerObservations() {
        MockHttpServletRequest webhook = new MockHttpServletRequest("POST", "/webhooks/github");
        webhook.setHttpServletMapping(new MockHttpServletMapping("github", WebhookServlet.URL_MAPPING,
                WebhookServlet.NAME, MappingMatch.PATH));
        MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/v1/orders/1001");

        assertThat(observation(webhook).isNoop()).isTrue();
        assertThat(observation(api).isNoop()).as("other requests are still observed").isFalse();
    }

    private Observation observation(MockHttpServletRequest request) {
        ServerRequestObservationContext context = new ServerRequestObservationContext(request,
                new MockHttpServletResponse());
        return Observation.createNotStarted("http.server.requests", () -> context, observations);
    }

    @Test
    void everyRefusalCarriesTheRequestId() throws Exception {
        for (String path : List.of("/webhooks/nobody", "/webhooks/github", "/webhooks/github/extra")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("X-Request-Id", "door-test-1").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.headers().firstValue("X-Request-Id")).as(path).hasValue("door-test-1");
            assertThat(problem(response).path("requestId").asText()).as(path).isEqualTo("door-test-1");
        }
    }

    private JsonNode problem(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
