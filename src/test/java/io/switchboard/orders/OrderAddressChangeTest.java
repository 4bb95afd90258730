package io.switchboard.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.errors.Problems;
import io.switchboard.support.HubTest;
import io.switchboard.support.ShopifySandbox;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * POST /api/v1/orders/{orderNumber}/address end to end on Shopify's sandbox: the checks of a sensitive action, the
 * job on the real broker, the vendor's update, and the address in no log line and no answer. (WooCommerce:
 * OrdersProviderSwitchTest.)
 */
@HubTest
class OrderAddressChangeTest {

    private static final String STREET = OrderAddressChangeTestAddress.STREET;
    private static final String CITY = OrderAddressChangeTestAddress.CITY;
    private static final String POSTCODE = OrderAddressChangeTestAddress.POSTCODE;
    private static final String BODY = OrderAddressChangeTestAddress.BODY;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> answers = new ArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("orderCache")
    Cache<String, ?> orderCache;

    @BeforeEach
    void captureLogs() {
        ShopifySandbox.reset();
        orderCache.invalidateAll();
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void restore() {
        root().detachAppender(logs);
        ShopifySandbox.reset();
        orderCache.invalidateAll();
    }

    @Test
    void anUnfulfilledOrderGetsItsNewAddressAtShopifyAndNoOneSeesIt() throws Exception {
        HttpResponse<String> accepted = await().atMost(Duration.ofSeconds(20))
                .until(() -> change("1001", Tokens.verified(Tokens.CUSTOMER, "orders:read orders:write"), BODY),
                        response -> response.statusCode() < 500);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode answer = json.readTree(accepted.body());
        String requestId = answer.path("requestId").asText();
        assertThat(requestId).startsWith("adr_");
        assertThat(answer.path("orderNumber").asText()).isEqualTo("1001");
        assertThat(answer.path("status").asText()).isEqualTo("address_change_requested");
        assertThat(answer.size()).isEqualTo(3);

        await().atMost(Duration.ofSeconds(20)).until(() -> json.readTree(status("1001", requestId).body())
                .path("status").asText(), "address_changed"::equals);
        ShopifySandbox.server().verify(1, putRequestedFor(urlPathEqualTo("/admin/api/2025-07/orders/450789469.json"))
                .withRequestBody(matchingJsonPath("$.order.id", equalTo("450789469")))
                .withRequestBody(matchingJsonPath("$.order.shipping_address.address1", equalTo(STREET)))
                .withRequestBody(matchingJsonPath("$.order.shipping_address.zip", equalTo(POSTCODE)))
                .withRequestBody(matchingJsonPath("$.order.shipping_address.country_code", equalTo("US"))));
        assertThat(jdbc.queryForObject("SELECT address_sealed IS NULL FROM order_address_changes WHERE request_id = ?",
                Boolean.class, requestId)).as("the address is forgotten once applied").isTrue();
        assertThat(logs.list).as("the capture sees the job's lines")
                .anyMatch(event -> event.getFormattedMessage().contains(requestId + " of order 1001 applied"));
        assertNoAddressLoggedOrAnswered();
    }

    @Test
    void aFulfilledOrderIsAConflictAndNoJob() throws Exception {
        HttpResponse<String> response = await().atMost(Duration.ofSeconds(20))
                .until(() -> change("1002", Tokens.verified(Tokens.CUSTOMER, "orders:write"), BODY),
                        r -> r.statusCode() < 500);

        assertProblem(response, 409, "conflict");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_address_changes WHERE order_number = '1002'",
                Integer.class)).isZero();
        ShopifySandbox.server().verify(0, putRequestedFor(urlPathMatching("/admin/api/.*/orders/.*")));
        assertNoAddressLoggedOrAnswered();
    }

    @Test
    void withoutVerificationOrScopeItIsForbidden() throws Exception {
        assertProblem(change("1001", Tokens.forCustomer(Tokens.CUSTOMER, "orders:read orders:write"), BODY), 403,
                "step_up_required");
        assertProblem(change("1001", Tokens.verified(Tokens.CUSTOMER, "orders:read"), BODY), 403, "forbidden");
        assertProblem(change("1003", Tokens.verified(Tokens.CUSTOMER, "orders:write"), BODY), 404, "not_found");
        ShopifySandbox.server().verify(0, putRequestedFor(urlPathMatching("/admin/api/.*/orders/.*")));
        assertNoAddressLoggedOrAnswered();
    }

    @Test
    void aBadAddressNamesTheFieldNotItsValue() throws Exception {
        HttpResponse<String> response = change("1001", Tokens.verified(Tokens.CUSTOMER, "orders:write"),
                BODY.replace("\"countryCode\":\"us\"", "\"countryCode\":\"" + STREET + "\""));

        assertProblem(response, 400, "invalid_request");
        assertThat(response.body()).contains("countryCode");
        assertNoAddressLoggedOrAnswered();
    }

    private void assertNoAddressLoggedOrAnswered() {
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(STREET, CITY, POSTCODE);
        }
        for (String answer : answers) {
            assertThat(answer).doesNotContain(STREET, CITY, POSTCODE);
        }
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo(code);
    }

    private HttpResponse<String> change(String orderNumber, String token, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/orders/" + orderNumber + "/address")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        answers.add(response.headers().map() + response.body());
        return response;
    }

    private HttpResponse<String> status(String orderNumber, String requestId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/orders/" + orderNumber + "/address/" + requestId))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        answers.add(response.headers().map() + response.body());
        return response;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
