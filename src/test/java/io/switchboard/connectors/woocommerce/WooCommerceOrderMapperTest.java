package io.switchboard.connectors.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.shopify.ShopifyOrderMapper;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.Money;
import io.switchboard.model.Order;
import io.switchboard.model.OrderStatus;
import io.switchboard.model.OrderSummary;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WooCommerce order mapper against the sandbox fixtures, and against the Shopify adapter's answers. */
class WooCommerceOrderMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final WooCommerceOrderMapper mapper = new WooCommerceOrderMapper(json);

    @Test
    void mapsAProcessingOrder() throws IOException {
        Order order = mapper.fromOrder(fixture("1001"), 200, "1001");

        assertThat(order.orderNumber()).isEqualTo("1001");
        assertThat(order.vendorId()).isEqualTo("1001");
        assertThat(order.customerId()).isEqualTo("207119551");
        assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2008-01-10T16:00:00Z"));
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2008-01-10T16:00:00Z"));
        assertThat(order.total()).isEqualTo(new Money("409.94", "USD"));
        assertThat(order.lineItems()).hasSize(2).first().satisfies(item -> {
            assertThat(item.sku()).isEqualTo("IPOD2008GREEN");
            assertThat(item.quantity()).isEqualTo(1);
            assertThat(item.unitPrice()).isEqualTo(new Money("199", "USD"));
        });
        assertThat(order.shipment()).isNull();
    }

    @Test
    void readsTheShipmentTrackingExtensionsLatestItem() throws IOException {
        Order order = mapper.fromOrder(fixture("1002"), 200, "1002");

        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.shipment().carrier()).isEqualTo("UPS");
        assertThat(order.shipment().trackingNumber()).isEqualTo("1Z2345E20341550283");
        assertThat(order.shipment().trackingUrl()).startsWith("https://www.ups.com/WebTracking");
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2026-11-21T21:40:02Z"));
    }

    @Test
    void aPredefinedCarrierGivesItsNameAndNoLinkAndOnlyWebLinksAreKept() throws IOException {
        ObjectNode order = (ObjectNode) json.readTree(fixture("1002"));
        ArrayNode items = (ArrayNode) order.path("meta_data").get(1).path("value");
        items.addObject().put("tracking_provider", "usps").put("custom_tracking_provider", "")
                .put("custom_tracking_link", "").put("tracking_number", "9400100000000000000000");

        assertThat(mapper.toOrder(order).shipment()).satisfies(shipment -> {
            assertThat(shipment.carrier()).isEqualTo("USPS");
            assertThat(shipment.trackingNumber()).isEqualTo("9400100000000000000000");
            assertThat(shipment.trackingUrl()).isNull();
        });
        items.addObject().put("custom_tracking_provider", "Local courier")
                .put("custom_tracking_link", "javascript:alert(1)").put("tracking_number", "LC-1");
        assertThat(mapper.toOrder(order).shipment().trackingUrl()).isNull();
        assertThat(mapper.toOrder(order).shipment().carrier()).isEqualTo("Local courier");
    }

    @Test
    void mapsEveryWooCommerceStatus() throws IOException {
        assertThat(statusOf("pending", false)).isEqualTo(OrderStatus.PENDING);
        assertThat(statusOf("on-hold", false)).isEqualTo(OrderStatus.PENDING);
        assertThat(statusOf("failed", false)).isEqualTo(OrderStatus.PENDING);
        assertThat(statusOf("processing", false)).isEqualTo(OrderStatus.PROCESSING);
        assertThat(statusOf("processing", true)).as("tracked before completion").isEqualTo(OrderStatus.SHIPPED);
        assertThat(statusOf("completed", false)).isEqualTo(OrderStatus.SHIPPED);
        assertThat(statusOf("cancelled", false)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(statusOf("trash", false)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(statusOf("refunded", false)).isEqualTo(OrderStatus.REFUNDED);
        assertThat(statusOf("a-plugins-own-status", false)).isEqualTo(OrderStatus.PROCESSING);
    }

    @Test
    void theSameOrderMapsToTheSameSummaryAsShopifys() throws IOException {
        ShopifyOrderMapper shopify = new ShopifyOrderMapper(json);
        String shopifyAnswer = Files.readString(Path.of("sandbox/shopify/__files/orders/1001.json"));

        assertThat(OrderSummary.of(mapper.fromOrder(fixture("1001"), 200, "1001")))
                .isEqualTo(OrderSummary.of(shopify.findByNumber(shopifyAnswer, "1001")));
    }

    @Test
    void listsACustomersOrdersNewestFirst() throws IOException {
        List<Order> orders = mapper.allOrders(fixture("customer-207119551"), 200);

        assertThat(orders).extracting(Order::orderNumber).containsExactly("1002", "1001");
        assertThat(mapper.allOrders("[]", 200)).isEmpty();
    }

    @Test
    void aGuestOrderBelongsToNoCustomer() throws IOException {
        ObjectNode order = (ObjectNode) json.readTree(fixture("1001"));
        order.put("customer_id", 0);

        assertThat(mapper.toOrder(order).customerId()).isNull();
    }

    @Test
    void wooCommercesInvalidIdAndAnotherNumberAreNotFound() throws IOException {
        String invalidId = "{\"code\":\"woocommerce_rest_shop_order_invalid_id\",\"message\":\"Invalid ID.\",\"data\":{\"status\":404}}";
        ObjectNode renumbered = (ObjectNode) json.readTree(fixture("1001"));
        renumbered.put("number", "WC-77");

        assertNotFound(() -> mapper.fromOrder(invalidId, 404, "1001"));
        assertNotFound(() -> mapper.fromOrder(renumbered.toString(), 200, "1001"));
        assertNotFound(() -> mapper.orderId("A-1001"));
        assertNotFound(() -> mapper.orderId("0"));
        assertThat(mapper.orderId("1001")).isEqualTo("1001");
        assertThat(mapper.isCustomerId("207119551")).isTrue();
        assertThat(mapper.isCustomerId("crm-207119551")).isFalse();
    }

    @Test
    void malformedUnexpectedOrMisroutedAnswersAreUpstreamFailures() {
        String noRoute = "{\"code\":\"rest_no_route\",\"message\":\"No route was found matching the URL and request method.\",\"data\":{\"status\":404}}";

        assertThatThrownBy(() -> mapper.fromOrder("{\"id\": ", 200, "1001")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.fromOrder("", 200, "1001")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.fromOrder("[]", 200, "1001")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.fromOrder(noRoute, 404, "1001")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.allOrders(noRoute, 404)).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.allOrders("{\"orders\":[]}", 200)).isInstanceOf(UnreadableUpstreamResponse.class);
    }

    private OrderStatus statusOf(String status, boolean tracked) throws IOException {
        ObjectNode order = (ObjectNode) json.readTree(fixture(tracked ? "1002" : "1001"));
        order.put("status", status);
        return mapper.toOrder(order).status();
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(Path.of("sandbox/woocommerce/__files/orders/" + name + ".json"));
    }
}
