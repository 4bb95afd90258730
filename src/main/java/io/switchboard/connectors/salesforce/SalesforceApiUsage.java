package io.switchboard.connectors.salesforce;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Salesforce's {@code Sforce-Limit-Info: api-usage=18/5000} (the org's API requests in the last 24 hours, and its
 * allowance), read from every answer that carries it, error answers included:
 * {@code switchboard_integration_api_requests_used{integration="salesforce"}} and {@code ..._limit}. When used
 * reaches the limit, calls fail with REQUEST_LIMIT_EXCEEDED (503 upstream_rate_limited) until the day rolls on.
 */
@Component("salesforceApiUsage")
public class SalesforceApiUsage {

    private static final Pattern API_USAGE = Pattern.compile("(?:^|[;,\\s])api-usage=(\\d+)/(\\d+)");

    private final AtomicLong used = new AtomicLong(-1);
    private final AtomicLong limit = new AtomicLong(-1);

    public SalesforceApiUsage(MeterRegistry metrics) {
        Gauge.builder("switchboard.integration.api.requests.used", used, AtomicLong::get).tag("integration", "salesforce")
                .description("The vendor's API requests used in its current limit window, as it last reported them")
                .register(metrics);
        Gauge.builder("switchboard.integration.api.requests.limit", limit, AtomicLong::get).tag("integration", "salesforce")
                .description("The vendor's API request allowance for its limit window, as it last reported it")
                .register(metrics);
    }

    /** Reads the header when the answer had one. */
    public void record(String limitInfo) {
        if (limitInfo == null) {
            return;
        }
        Matcher usage = API_USAGE.matcher(limitInfo);
        if (usage.find()) {
            try {
                used.set(Long.parseLong(usage.group(1)));
                limit.set(Long.parseLong(usage.group(2)));
            } catch (NumberFormatException tooLarge) {
                // not a number we can hold: keep the last reading
            }
        }
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit.get();
    }
}
