package io.switchboard.connectors.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.Money;
import io.switchboard.model.Order;
import io.switchboard.model.OrderStatus;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Shopify order mapper against the sandbox fixtures (Shopify's own SDK order fixture and its variants). */
class ShopifyOrderMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ShopifyOrderMapper mapper = new ShopifyOrderMapper(json);

    @Test
    void mapsShopifysFixtureOrder() throws IOException {
        Order order = mapper.findByNumber(fixture("1001"), "1001");

        assertThat(order.orderNumber()).isEqualTo("1001");
        assertThat(order.vendorId()).isEqualTo("450789469");
        assertThat(order.customerId()).isEqualTo("207119551");
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2008-01-10T16:00:00Z"));
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2008-01-10T16:00:00Z"));
        assertThat(order.total()).isEqualTo(new Money("409.94", "USD"));
        assertThat(order.lineItems()).singleElement().satisfies(item -> {
            assertThat(item.sku()).isEqualTo("IPOD2008GREEN");
            assertThat(item.quantity()).isEqualTo(1);
            assertThat(item.unitPrice()).isEqualTo(new Money("199.00", "USD"));
        });
    }

    @Test
    void aFailedFulfillmentIsNotAShipment() throws IOException {
        // the fixture's only fulfillment has status "failure": its tracking number must not be shown
        Order order = mapper.findByNumber(fixture("1001"), "1001");

        assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(order.shipment()).isNull();
    }

    @Test
    void mapsTheSuccessfulShipmentAndItsTracking() throws IOException {
        Order order = mapper.findByNumber(fixture("1002"), "1002");

        assertThat(order.status()).isEqualTo(OrderStatus.IN_TRANSIT);
        assertThat(order.shipment().carrier()).isEqualTo("UPS");
        assertThat(order.shipment().trackingNumber()).isEqualTo("1Z2345E20341550283");
        assertThat(order.shipment().trackingUrl()).startsWith("https://www.ups.com/WebTracking");
    }

    @Test
    void mapsAnotherCustomersDeliveredOrder() throws IOException {
        JsonNode sample = json.readTree(Files.readString(Path.of("sandbox/shopify/__files/orders/1003.json")))
                .path("orders").get(0);

        Order order = mapper.toOrder(sample);

        assertThat(order.customerId()).isEqualTo("115310627");
        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void derivesTheStatusFromShopifysFields() throws IOException {
        assertThat(statusWith("cancelled_at", "2026-11-20T10:00:00-05:00")).isEqualTo(OrderStatus.CANCELLED);
        assertThat(statusWith("financial_status", "refunded")).isEqualTo(OrderStatus.REFUNDED);
        assertThat(statusWith("financial_status", "pending")).isEqualTo(OrderStatus.PENDING);
        assertThat(statusWith("fulfillment_status", "partial")).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        // fulfilled, but no shipment status reported by the carrier yet
        assertThat(statusWith("fulfillment_status", "fulfilled")).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void picksTheExactOrderOutOfAFuzzyNameSearch() throws IOException {
        ObjectNode other = (ObjectNode) json.readTree(fixture("1001")).path("orders").get(0).deepCopy();
        other.put("order_number", 10010).put("name", "#10010");
        String answer = "{\"orders\":[" + other + "," + json.readTree(fixture("1002")).path("orders").get(0) + "]}";

        assertThat(mapper.findByNumber(answer, "1002").orderNumber()).isEqualTo("1002");
        assertThatThrownBy(() -> mapper.findByNumber(answer, "1001"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void anEmptySearchIsNotFound() {
        assertThatThrownBy(() -> mapper.findByNumber("{\"orders\":[]}", "1001"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void malformedOrUnexpectedJsonIsAnUpstreamFailure() {
        assertThatThrownBy(() -> mapper.findByNumber("{\"orders\": [", "1001"))
                .isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.findByNumber("{\"errors\":\"Not Found\"}", "1001"))
                .isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.findByNumber("", "1001"))
                .isInstanceOf(UnreadableUpstreamResponse.class);
    }

    private OrderStatus statusWith(String field, String value) throws IOException {
        ObjectNode order = (ObjectNode) json.readTree(fixture("1001")).path("orders").get(0).deepCopy();
        order.put(field, value);
        return mapper.toOrder(order).status();
    }

    private static String fixture(String orderNumber) throws IOException {
        return Files.readString(Path.of("sandbox/shopify/__files/orders/" + orderNumber + ".json"));
    }
}
