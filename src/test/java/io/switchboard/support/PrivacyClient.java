package io.switchboard.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The privacy API and the conversation events it is about, as a test calls them on a hub's port. */
public final class PrivacyClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final int port;
    private final String apiKey;

    public PrivacyClient(int port, String apiKey) {
        this.port = port;
        this.apiKey = apiKey;
    }

    public HttpResponse<String> consent(String customer, boolean crmLogging, boolean transcriptStorage)
            throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/privacy/customers/" + customer + "/consent"))
                .header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"crmLogging\":" + crmLogging + ",\"transcriptStorage\":"
                        + transcriptStorage + ",\"marketing\":false}")));
    }

    /** A message event of the customer's, answered with its event id. */
    public String message(String customer, String conversation, String text) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/conversations/" + conversation
                        + "/events"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(customer, "conversations:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\",\"role\":\"customer\",\"text\":\""
                        + text + "\",\"at\":\"2026-11-24T06:00:00Z\"}")));
        if (response.statusCode() != 202) {
            throw new AssertionError("event not accepted: " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).path("eventId").asText();
    }

    public HttpResponse<String> export(String customer) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/privacy/customers/" + customer + "/export"))
                .header("X-Api-Key", apiKey).GET());
    }

    public HttpResponse<String> erase(String customer) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/privacy/customers/" + customer))
                .header("X-Api-Key", apiKey).DELETE());
    }

    /** The erasure's request id, from an accepted DELETE. */
    public String erased(String customer) throws Exception {
        HttpResponse<String> response = erase(customer);
        if (response.statusCode() != 202) {
            throw new AssertionError("erasure not accepted: " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).path("requestId").asText();
    }

    public JsonNode request(String requestId) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/privacy/requests/" + requestId))
                .header("X-Api-Key", apiKey).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("request not readable: " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    /** One system's part of an erasure request, as its status shows it. */
    public JsonNode system(String requestId, String system) throws Exception {
        for (JsonNode part : request(requestId).path("systems")) {
            if (system.equals(part.path("system").asText())) {
                return part;
            }
        }
        throw new AssertionError("no system " + system + " in request " + requestId);
    }

    public String status(String requestId, String system) throws Exception {
        return system(requestId, system).path("status").asText();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
