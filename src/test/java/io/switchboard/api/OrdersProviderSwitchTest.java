package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.SwitchboardApplication;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * switchboard.orders.provider=woocommerce beside the shared hub on Shopify: the same demo orders give the same
 * canonical answers, as far as WooCommerce knows them (it has no carrier status: a shipped order is "shipped").
 */
@HubTest
class OrdersProviderSwitchTest {

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext wooHub;
    private static int wooPort;
    private static boolean warm;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int shopifyPort;

    @BeforeAll
    static void startAHubOnWooCommerce() {
        Sandboxes.reset("woocommerce");
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--switchboard.orders.provider=woocommerce",
                "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                "--spring.artemis.embedded.data-directory=" + data.resolve("artemis")));
        for (String vendor : Sandboxes.VENDORS) {
            args.add("--switchboard.vendors." + vendor + ".base-url=" + Sandboxes.baseUrl(vendor));
        }
        wooHub = new SpringApplicationBuilder(SwitchboardApplication.class).profiles("local", "test")
                .run(args.toArray(String[]::new));
        wooPort = Integer.parseInt(wooHub.getEnvironment().getProperty("local.server.port"));
    }

    /** The first vendor call after a start can outlast the test profile's short timeout on a busy machine. */
    @BeforeEach
    void warmUp() {
        if (!warm) {
            for (int port : List.of(shopifyPort, wooPort)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> get(port, "/api/v1/orders/1002").statusCode() == 200);
            }
            warm = true;
        }
    }

    @AfterAll
    static void stopIt() {
        if (wooHub != null) {
            wooHub.close();
        }
        Sandboxes.reset("woocommerce");
    }

    @Test
    void bothProvidersGiveTheSameSummaryOfTheSameOrder() throws Exception {
        HttpResponse<String> shopify = get(shopifyPort, "/api/v1/orders/1001");
        HttpResponse<String> woocommerce = get(wooPort, "/api/v1/orders/1001");

        assertThat(woocommerce.statusCode()).as(woocommerce.body()).isEqualTo(200);
        assertThat(shopify.statusCode()).as(shopify.body()).isEqualTo(200);
        assertThat(json.readTree(woocommerce.body())).isEqualTo(json.readTree(shopify.body()));
        assertThat(get(wooPort, "/api/v1/orders/1003").statusCode()).as("another customer's").isEqualTo(404);
        assertThat(get(wooPort, "/api/v1/orders/9999").statusCode()).isEqualTo(404);
    }

    @Test
    void aShippedOrderHasTheSameTrackingAndWooCommercesCoarserStatus() throws Exception {
        JsonNode shopify = json.readTree(get(shopifyPort, "/api/v1/orders/1002").body());
        JsonNode woocommerce = json.readTree(get(wooPort, "/api/v1/orders/1002").body());

        for (String field : List.of("orderNumber", "carrier", "trackingUrl", "updatedAt")) {
            assertThat(woocommerce.path(field)).as(field).isEqualTo(shopify.path(field));
        }
        assertThat(shopify.path("status").asText()).isEqualTo("in_transit");
        assertThat(woocommerce.path("status").asText()).isEqualTo("shipped");
    }

    @Test
    void theCustomersRecentOrdersAreTheSame() throws Exception {
        JsonNode shopify = json.readTree(get(shopifyPort, "/api/v1/customers/" + Tokens.CUSTOMER + "/context").body());
        JsonNode woocommerce = json.readTree(get(wooPort, "/api/v1/customers/" + Tokens.CUSTOMER + "/context").body());

        assertThat(woocommerce.path("sources").path("orders").asText()).isEqualTo("ok");
        assertThat(numbers(woocommerce.path("recentOrders"))).containsExactly("1002", "1001")
                .isEqualTo(numbers(shopify.path("recentOrders")));
    }

    @Test
    void aCancellationIsCarriedOutOnWooCommerceOnce() throws Exception {
        String token = Tokens.verified(Tokens.CUSTOMER, "orders:write");

        HttpResponse<String> first = cancel(token);
        HttpResponse<String> second = cancel(token);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        JdbcTemplate wooDatabase = wooHub.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> wooDatabase.queryForList(
                "SELECT state FROM order_cancellations WHERE order_number = '1001'", String.class),
                states -> states.equals(List.of("cancelled")));
        Sandboxes.server("woocommerce").verify(1, putRequestedFor(urlPathEqualTo("/wp-json/wc/v3/orders/1001"))
                .withRequestBody(matchingJsonPath("$.status", equalTo("cancelled"))));
    }

    @Test
    void anAddressChangeIsAppliedOnWooCommerceForAnUnfulfilledOrderOnly() throws Exception {
        String token = Tokens.verified(Tokens.CUSTOMER, "orders:write");
        String body = io.switchboard.orders.OrderAddressChangeTestAddress.BODY;

        HttpResponse<String> accepted = changeAddress("1001", token, body);
        HttpResponse<String> shipped = changeAddress("1002", token, body);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(409);
        assertThat(json.readTree(shipped.body()).path("code").asText()).isEqualTo("conflict");
        String requestId = json.readTree(accepted.body()).path("requestId").asText();
        JdbcTemplate wooDatabase = wooHub.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> wooDatabase.queryForObject(
                "SELECT state FROM order_address_changes WHERE request_id = ?", String.class, requestId),
                "applied"::equals);
        Sandboxes.server("woocommerce").verify(1, putRequestedFor(urlPathEqualTo("/wp-json/wc/v3/orders/1001"))
                .withRequestBody(matchingJsonPath("$.shipping.address_1",
                        equalTo(io.switchboard.orders.OrderAddressChangeTestAddress.STREET)))
                .withRequestBody(matchingJsonPath("$.shipping.postcode",
                        equalTo(io.switchboard.orders.OrderAddressChangeTestAddress.POSTCODE)))
                .withRequestBody(matchingJsonPath("$.shipping.country", equalTo("US"))));
        for (HttpResponse<String> answer : List.of(accepted, shipped)) {
            assertThat(answer.body()).doesNotContain(io.switchboard.orders.OrderAddressChangeTestAddress.STREET,
                    io.switchboard.orders.OrderAddressChangeTestAddress.POSTCODE);
        }
    }

    private HttpResponse<String> changeAddress(String orderNumber, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + wooPort + "/api/v1/orders/"
                        + orderNumber + "/address")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> numbers(JsonNode summaries) {
        List<String> numbers = new ArrayList<>();
        summaries.forEach(summary -> numbers.add(summary.path("orderNumber").asText()));
        return numbers;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read customer:read"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> cancel(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + wooPort + "/api/v1/orders/1001/cancellation"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
