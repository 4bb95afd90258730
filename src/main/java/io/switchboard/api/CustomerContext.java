package io.switchboard.api;

import io.switchboard.errors.UpstreamTimeout;
import io.switchboard.model.Customer;
import io.switchboard.model.Order;
import io.switchboard.model.OrderSummary;
import io.switchboard.model.TicketSummary;
import io.switchboard.resilience.UpstreamFailures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Assembles {@code GET /api/v1/customers/{id}/context} from its parallel branches (crm, orders, helpdesk): each
 * branch's answer, or its failure marked {@code unavailable} or {@code timeout}; a branch that has not answered when
 * the fan-out's time is up is a {@code timeout}. The rest is still answered, with 200.
 */
@Component("customerContext")
public class CustomerContext implements AggregationStrategy {

    /** Exchange property naming the branch: crm, orders or helpdesk. */
    public static final String PART = "contextPart";
    private static final String RESULT = "contextResult";
    private static final List<String> SOURCES = List.of("crm", "orders", "helpdesk");

    private final UpstreamFailures failures;

    public CustomerContext(UpstreamFailures failures) {
        this.failures = failures;
    }

    /** A branch's failure: its mark instead of its answer. */
    public void failed(Exchange branch) {
        Throwable failure = branch.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        boolean timeout = failures.classify(failure, "context").filter(UpstreamTimeout.class::isInstance).isPresent();
        branch.getMessage().setBody(timeout ? "timeout" : "unavailable");
        branch.setProperty("contextFailed", true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange result, Exchange branch) {
        Exchange target = result == null ? branch : result;
        Map<String, Object> parts = target.getProperty(RESULT, Map.class);
        if (parts == null) {
            parts = new LinkedHashMap<>();
            target.setProperty(RESULT, parts);
        }
        String part = branch.getProperty(PART, String.class);
        if (part != null) {
            parts.put(part, Boolean.TRUE.equals(branch.getProperty("contextFailed", Boolean.class))
                    ? new Mark(branch.getMessage().getBody(String.class)) : branch.getMessage().getBody());
        }
        return target;
    }

    /** The answer: what came back, and per source "ok", "unavailable" or "timeout". */
    @SuppressWarnings("unchecked")
    public Map<String, Object> answer(Exchange exchange) {
        Map<String, Object> parts = exchange.getProperty(RESULT, Map.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String source : SOURCES) {
            Object part = parts == null ? null : parts.get(source);
            sources.put(source, part == null ? "timeout" : part instanceof Mark mark ? mark.status() : "ok");
        }
        answer.put("customer", parts != null && parts.get("crm") instanceof Customer customer ? customer : null);
        answer.put("recentOrders", parts != null && parts.get("orders") instanceof List<?> orders
                ? ((List<Order>) orders).stream().map(OrderSummary::of).toList() : List.of());
        answer.put("openTickets", parts != null && parts.get("helpdesk") instanceof List<?> tickets
                ? (List<TicketSummary>) tickets : List.of());
        answer.put("sources", sources);
        return answer;
    }

    private record Mark(String status) {
    }
}
