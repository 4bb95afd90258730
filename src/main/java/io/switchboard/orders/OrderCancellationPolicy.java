package io.switchboard.orders;

import io.switchboard.errors.Conflict;
import io.switchboard.model.Order;
import io.switchboard.model.OrderStatus;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Whether an order can still be cancelled: pending and processing orders can; an order on its way (any shipped
 * status) or refunded cannot ({@code 409 conflict}); a cancelled one needs nothing more. Used on the order the chat
 * API reads when the customer asks, and again on the order read afresh before the vendor is asked.
 */
@Component("orderCancellationPolicy")
public class OrderCancellationPolicy {

    private static final Set<OrderStatus> CANCELLABLE = Set.of(OrderStatus.PENDING, OrderStatus.PROCESSING);
    /** A vendor's answers that refuse the cancel itself, rather than fail to answer. */
    private static final Set<Integer> REFUSALS = Set.of(400, 404, 409, 422);

    /**
     * @return false when the order is cancelled already, true when the vendor is to cancel it
     * @throws Conflict when it can no longer be cancelled
     */
    public boolean needsVendorCancel(Order order) {
        if (order.status() == OrderStatus.CANCELLED) {
            return false;
        }
        if (!CANCELLABLE.contains(order.status())) {
            throw notCancellable(order);
        }
        return true;
    }

    /** After the vendor refused to cancel: the order read again must be cancelled, or it cannot be. */
    public Order requireCancelled(Order order) {
        if (order.status() != OrderStatus.CANCELLED) {
            throw notCancellable(order);
        }
        return order;
    }

    /**
     * In the catch around the vendor's cancel: returns when the vendor refused the cancel itself (a 4xx other than
     * auth and rate limits, which the outbound chain has dealt with), and rethrows any other failure.
     */
    public void rethrowUnlessRefused(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http && REFUSALS.contains(http.getStatusCode())) {
                return;
            }
        }
        throw failure != null ? failure : new IllegalStateException("the vendor's cancel failed");
    }

    static Conflict notCancellable(Order order) {
        return new Conflict("Order " + order.orderNumber() + " can no longer be cancelled: it is "
                + order.status().wireName().replace('_', ' ').toLowerCase(Locale.ROOT));
    }
}
