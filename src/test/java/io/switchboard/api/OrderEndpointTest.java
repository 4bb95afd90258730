package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.errors.Problems;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/orders/{orderNumber} end to end: the customer's order as a summary, the refusals, the cache. */
@HubTest
class OrderEndpointTest extends OrderEndpointCase {

    @Test
    void answersTheCustomersOrderAsASummaryOnly() throws Exception {
        HttpResponse<String> response = getOrder("1002", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("orderNumber").asText()).isEqualTo("1002");
        assertThat(body.path("status").asText()).isEqualTo("in_transit");
        assertThat(body.path("carrier").asText()).isEqualTo("UPS");
        assertThat(body.path("trackingUrl").asText()).startsWith("https://www.ups.com/");
        assertThat(body.path("updatedAt").asText()).isEqualTo("2026-11-21T21:40:02Z");
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isSubsetOf("orderNumber", "status", "estimatedDelivery", "carrier", "trackingUrl", "updatedAt");
        assertThat(response.body()).doesNotContain("Chestnut", "409.94", "bob.norman", "207119551");
    }

    @Test
    void refusesAMissingTokenWithAChallenge() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/orders/1001").build());

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        ShopifySandbox.server().verify(0, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void refusesATokenSignedWithAnotherKey() throws Exception {
        String forged = Tokens.sign("some-other-secret-that-is-32-bytes-long!",
                Tokens.claims(Tokens.CUSTOMER, "orders:read").build());

        HttpResponse<String> response = getOrder("1001", forged);

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    @Test
    void refusesATokenWithoutTheScope() throws Exception {
        HttpResponse<String> response = getOrder("1001", Tokens.forCustomer(Tokens.CUSTOMER, "kb:read"));

        assertProblem(response, 403, "forbidden");
    }

    @Test
    void anotherCustomersOrderIsNotFoundLikeAMissingOne() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");

        HttpResponse<String> othersOrder = getOrder("1003", token);
        HttpResponse<String> missingOrder = getOrder("9999", token);

        assertProblem(othersOrder, 404, "not_found");
        assertProblem(missingOrder, 404, "not_found");
        assertThat(json.readTree(othersOrder.body()).path("title"))
                .isEqualTo(json.readTree(missingOrder.body()).path("title"));
        assertThat(othersOrder.body()).doesNotContain("115310627", "jane");
    }

    @Test
    void refusesAMalformedOrderNumberWithoutCallingTheVendor() throws Exception {
        HttpResponse<String> response = getOrder("..%2F..%2Fetc", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        ShopifySandbox.server().verify(0, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void servesTheSecondReadFromTheCacheWithoutCallingShopify() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");

        HttpResponse<String> first = getOrder("1001", token);
        HttpResponse<String> second = getOrder("1001", token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        ShopifySandbox.server().verify(1, getRequestedFor(urlPathEqualTo(ORDERS_JSON)));
    }

    @Test
    void echoesTheCallersRequestIdAndMakesOneOtherwise() throws Exception {
        String token = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");

        HttpResponse<String> echoed = send(request("/api/v1/orders/1001")
                .header("Authorization", "Bearer " + token).header("X-Request-Id", "chat-42").build());
        HttpResponse<String> generated = getOrder("1001", token);
        HttpResponse<String> refused = send(request("/api/v1/orders/1001").build());

        assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("chat-42");
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        assertThat(refused.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(json.readTree(refused.body()).path("requestId").asText())
                .isEqualTo(refused.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void theRequestIdTheRouteSawIsTheOneOnTheResponse() throws Exception {
        // the route runs on another thread than the servlet filter, after an async hand-off
        HttpResponse<String> response = getOrder("9999", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertThat(json.readTree(response.body()).path("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }
}
