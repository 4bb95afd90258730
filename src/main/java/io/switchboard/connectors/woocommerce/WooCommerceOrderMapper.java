package io.switchboard.connectors.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.VendorJson;
import io.switchboard.errors.NotFound;
import io.switchboard.model.LineItem;
import io.switchboard.model.Money;
import io.switchboard.model.Order;
import io.switchboard.model.OrderStatus;
import io.switchboard.model.Shipment;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * WooCommerce REST API v3 order JSON to the canonical {@link Order}. Pure: no I/O, no state.
 *
 * <p>What is read: {@code number} (the number customers see), {@code id}, {@code customer_id} (0 for a guest, who
 * then owns nothing here), {@code status}, {@code date_created_gmt} and {@code date_modified_gmt} (UTC without an
 * offset), {@code total} and {@code currency}, {@code line_items} ({@code sku}, {@code name}, {@code quantity},
 * {@code price}) and, for the shipment, the {@code meta_data} entry {@code _wc_shipment_tracking_items} that the
 * Shipment Tracking extension (and Advanced Shipment Tracking) keeps: its last item's {@code tracking_number},
 * carrier ({@code custom_tracking_provider}, else the predefined {@code tracking_provider} slug) and link
 * ({@code custom_tracking_link}; for a predefined carrier the extension computes the link and does not store it).
 * WooCommerce knows no carrier status nor estimated delivery, so a shipped order is {@code shipped}, never
 * {@code in_transit} or {@code delivered}.
 */
@Component("woocommerceOrderMapper")
public class WooCommerceOrderMapper {

    static final String TRACKING_ITEMS = "_wc_shipment_tracking_items";

    private static final Pattern ORDER_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern CUSTOMER_ID = Pattern.compile("[1-9][0-9]{0,17}");
    /** Display names of the Shipment Tracking extension's most used predefined carriers; other slugs as they are. */
    private static final Map<String, String> CARRIERS = Map.of(
            "ups", "UPS", "usps", "USPS", "fedex", "FedEx", "dhl", "DHL", "dhl-us", "DHL US",
            "royal-mail", "Royal Mail", "canada-post", "Canada Post", "australia-post", "Australia Post",
            "dpd", "DPD", "postnl", "PostNL");

    private final ObjectMapper json;

    public WooCommerceOrderMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The order id to ask WooCommerce for: an order's number is its id unless a plugin renumbers orders. A number
     * that cannot be an id is not found, without asking.
     */
    public String orderId(String orderNumber) {
        if (orderNumber == null || !ORDER_ID.matcher(orderNumber).matches()) {
            throw new NotFound("Order " + orderNumber);
        }
        return orderNumber;
    }

    /** Whether WooCommerce can have orders of this customer: its customer ids are WordPress user ids. */
    public boolean isCustomerId(String customerId) {
        return customerId != null && CUSTOMER_ID.matcher(customerId).matches();
    }

    /**
     * The order numbered {@code orderNumber} out of a {@code GET /orders/<id>} (or {@code PUT}) answer: 404
     * {@code woocommerce_rest_shop_order_invalid_id}, or an order carrying another number, is not found.
     */
    public Order fromOrder(String body, Integer status, String orderNumber) {
        JsonNode answer = parse(body);
        if (status != null && status == 404) {
            if ("woocommerce_rest_shop_order_invalid_id".equals(answer.path("code").asText())) {
                throw new NotFound("Order " + orderNumber);
            }
            // rest_no_route and the like: the base URL is not a WooCommerce REST API, which is an outage, not "no order"
            throw new UnreadableUpstreamResponse("WooCommerce answered 404 " + answer.path("code").asText("without a code"), null);
        }
        if (!answer.isObject() || !answer.has("id")) {
            throw new UnreadableUpstreamResponse("WooCommerce order answer without an 'id'", null);
        }
        Order order = toOrder(answer);
        if (!orderNumber.equals(order.orderNumber())) {
            throw new NotFound("Order " + orderNumber);
        }
        return order;
    }

    /** All orders of a {@code GET /orders?customer=...&orderby=date&order=desc} answer, newest first. */
    public List<Order> allOrders(String body, Integer status) {
        JsonNode orders = parse(body);
        if ((status != null && status == 404) || !orders.isArray()) {
            throw new UnreadableUpstreamResponse("WooCommerce order list is not an array", null);
        }
        List<Order> result = new ArrayList<>();
        orders.forEach(order -> result.add(toOrder(order)));
        return result;
    }

    /** The answer for a customer WooCommerce cannot know (see {@link #isCustomerId}). */
    public List<Order> noOrders() {
        return List.of();
    }

    /** Maps one WooCommerce order resource (the REST payload, also what order webhooks carry). */
    public Order toOrder(JsonNode order) {
        String currency = textOrNull(order.path("currency"));
        Shipment shipment = latestShipment(order.path("meta_data"));
        long customer = order.path("customer_id").asLong(0);
        return new Order(
                order.path("number").asText(order.path("id").asText()),
                order.path("id").asText(),
                customer > 0 ? Long.toString(customer) : null,
                status(order.path("status").asText(""), shipment),
                gmt(order.path("date_created_gmt")),
                gmt(order.path("date_modified_gmt")),
                new Money(textOrNull(order.path("total")), currency),
                lineItems(order.path("line_items"), currency),
                shipment);
    }

    /**
     * WooCommerce's order statuses in the customer's words: pending (awaiting payment), on-hold (awaiting its
     * confirmation) and failed (declined, to be paid again) are {@code pending}; processing is {@code processing}
     * until a shipment is tracked; completed is {@code shipped}; cancelled and trash (deleted by the shop) are
     * {@code cancelled}; refunded is {@code refunded}. A plugin's own status is {@code processing}, or
     * {@code shipped} once tracked.
     */
    static OrderStatus status(String status, Shipment shipment) {
        return switch (status) {
            case "pending", "on-hold", "failed", "checkout-draft" -> OrderStatus.PENDING;
            case "completed" -> OrderStatus.SHIPPED;
            case "cancelled", "trash" -> OrderStatus.CANCELLED;
            case "refunded" -> OrderStatus.REFUNDED;
            default -> shipment == null ? OrderStatus.PROCESSING : OrderStatus.SHIPPED;
        };
    }

    /** The last tracking item of the Shipment Tracking extension, or null when none is recorded. */
    static Shipment latestShipment(JsonNode metaData) {
        JsonNode latest = null;
        for (JsonNode meta : metaData) {
            if (TRACKING_ITEMS.equals(meta.path("key").asText()) && meta.path("value").isArray()) {
                for (JsonNode item : meta.path("value")) {
                    if (item.isObject()) {
                        latest = item;
                    }
                }
            }
        }
        if (latest == null) {
            return null;
        }
        String carrier = blankToNull(latest.path("custom_tracking_provider").asText(""));
        if (carrier == null) {
            String slug = blankToNull(latest.path("tracking_provider").asText(""));
            carrier = slug == null ? null : CARRIERS.getOrDefault(slug, slug);
        }
        String link = blankToNull(latest.path("custom_tracking_link").asText(""));
        return new Shipment(carrier, blankToNull(latest.path("tracking_number").asText("")), webLink(link), null);
    }

    private static List<LineItem> lineItems(JsonNode items, String currency) {
        List<LineItem> result = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode price = item.path("price");
            result.add(new LineItem(
                    blankToNull(item.path("sku").asText("")),
                    item.path("name").asText(),
                    item.path("quantity").asInt(),
                    new Money(price.isNumber() ? price.decimalValue().toPlainString() : textOrNull(price), currency)));
        }
        return result;
    }

    /** Only web links are shown to customers: a merchant-typed link could be anything. */
    private static String webLink(String link) {
        return link != null && (link.startsWith("https://") || link.startsWith("http://")) ? link : null;
    }

    private JsonNode parse(String body) {
        JsonNode node = VendorJson.read(json, body, "WooCommerce");
        if (node.isMissingNode()) {
                throw new UnreadableUpstreamResponse("WooCommerce answered with an empty body", null);
        }
        return node;
    }

    private static Instant gmt(JsonNode node) {
        String text = textOrNull(node);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UnreadableUpstreamResponse("WooCommerce answered with an unreadable date", e);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
