package io.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** The admin API's dead letters ({@code GET /admin/dead-letters}), looked up as the tests need them. */
public final class DeadLetters {

    /** The admin key the test profile configures. */
    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetters() {
    }

    /** The dead letter of {@code source} for one event (or job) id, or null when there is none. */
    public static JsonNode find(int port, String source, String eventId) throws Exception {
        HttpResponse<String> response = new Http(port).send("GET",
                "/admin/dead-letters?source=" + source + "&limit=500", (String) null, "X-Api-Key", ADMIN_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode item : JSON.readTree(response.body()).path("items")) {
            if (eventId.equals(item.path("eventId").asText())) {
                return item;
            }
        }
        return null;
    }
}
