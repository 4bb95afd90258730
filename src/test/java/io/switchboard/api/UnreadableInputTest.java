package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.HubTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin API's controllers say what they could not read, as the chat API's routes do: the member or parameter
 * and the JSON type it must have, or that the body is not JSON or not an object; never "Bad Request" alone, and
 * never the Java type or the parser's words.
 */
@HubTest
class UnreadableInputTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void aMemberOfTheWrongTypeIsNamedWithTheTypeItMustHave() throws Exception {
        assertRefused(post("/admin/subscriptions", "{\"name\":\"a\",\"url\":\"https://hooks.example/in\","
                + "\"eventTypes\":\"order.shipped\"}"), "eventTypes", "eventTypes: an array");
        assertRefused(post("/admin/subscriptions", "{\"name\":\"a\",\"url\":\"https://hooks.example/in\","
                + "\"eventTypes\":[{\"type\":\"order.shipped\"}]}"), "eventTypes[0]", "eventTypes[0]: a string");
        assertRefused(post("/admin/subscriptions", "{\"name\":\"a\",\"url\":\"https://hooks.example/in\","
                + "\"eventTypes\":[\"order.shipped\"],\"marketing\":\"yes\"}"), "marketing",
                "marketing: true or false");
        assertRefused(post("/admin/api-keys", "{\"name\":\"a\",\"scopes\":{\"orders:read\":true}}"),
                "scopes", "scopes: an array");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsSaidToBeSo() throws Exception {
        assertRefused(post("/admin/subscriptions", "hello"), null, "The body is not JSON");
        assertRefused(post("/admin/subscriptions", "[]"), null, "The body must be a JSON object");
        assertRefused(post("/admin/subscriptions", ""), null, "A JSON body is required");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsNamed() throws Exception {
        assertRefused(get("/admin/audit?limit=abc"), "limit", "limit: an integer");
        assertRefused(get("/admin/conflicts?offset=first"), "offset", "offset: an integer");
    }

    private void assertRefused(HttpResponse<String> answer, String field, String detail) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.path("code").asText()).isEqualTo("invalid_request");
        assertThat(problem.path("detail").asText()).isEqualTo(detail);
        if (field != null) {
            assertThat(problem.path("field").asText()).isEqualTo(field);
        }
        assertThat(answer.body()).doesNotContain("java.", "Bad Request", "Cannot deserialize");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Api-Key", ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }
}
