package io.switchboard.orders;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.NotFound;
import io.switchboard.model.Order;
import io.switchboard.model.OrderSummary;
import io.switchboard.security.Access;
import io.switchboard.security.Caller;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The order endpoint's checks: a well-formed order number in, only the caller's own order out. */
@Component("orderApi")
public class OrderApi {

    private static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,40}");

    /** The order number as vendors know it: a leading '#' dropped, anything odd refused. */
    public String orderNumber(String raw) {
        String number = raw != null && raw.startsWith("#") ? raw.substring(1) : raw;
        if (number == null || !ORDER_NUMBER.matcher(number).matches()) {
            throw new InvalidRequest("orderNumber", "must be 1 to 40 letters, digits or dashes");
        }
        return number;
    }

    /**
     * The summary the caller may see. Another customer's order is "not found", exactly like a missing one, so
     * that order numbers cannot be probed.
     */
    public OrderSummary summaryFor(Order order, Exchange exchange) {
        return OrderSummary.of(ownOrder(order, exchange));
    }

    /** The order, when it is the caller's; another customer's is "not found", exactly like a missing one. */
    public Order ownOrder(Order order, Exchange exchange) {
        Caller caller = exchange.getProperty(Access.CALLER, Caller.class);
        if (caller == null || order.customerId() == null || !caller.owns(order.customerId())) {
            throw new NotFound("Order " + order.orderNumber());
        }
        return order;
    }

    /** The answer to an accepted cancellation (docs/api.md): {@code 202 {orderNumber, status: "cancellation_requested"}}. */
    public CancellationRequested cancellationRequested(Order order) {
        return new CancellationRequested(order.orderNumber(), "cancellation_requested");
    }

    public record CancellationRequested(String orderNumber, String status) {
    }
}
