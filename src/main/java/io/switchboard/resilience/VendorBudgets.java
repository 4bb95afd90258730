package io.switchboard.resilience;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.errors.UpstreamRateLimited;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each vendor's published rate limit as one budget for the whole deployment: a token bucket in PostgreSQL (table
 * {@code vendor_budgets}), refilled at {@code switchboard.vendors.<vendor>.requests-per-second} and taken from
 * with one atomic {@code UPDATE} per call, so that every instance draws on the same tokens. Chat requests come
 * first: a background job (a queue's consumer, the KB warm-up) takes a token only while more than
 * {@code background-reserve} of the bucket remains. The vendor's own rate headers lower the tokens when it has
 * fewer calls left than the bucket thinks. Route steps: {@code acquire} before the request, {@code observe} after.
 */
@Component("vendorBudgets")
public class VendorBudgets {

    /** Refill, then take one token if at least {@code 1 + reserve} are there; the row is locked for the update. */
    private static final String TAKE = "UPDATE vendor_budgets SET"
            + " tokens = LEAST(?, tokens + EXTRACT(EPOCH FROM clock_timestamp() - updated_at) * ?) - 1,"
            + " updated_at = clock_timestamp()"
            + " WHERE vendor = ? AND LEAST(?, tokens + EXTRACT(EPOCH FROM clock_timestamp() - updated_at) * ?) >= 1 + ?";
    private static final String LOWER = "UPDATE vendor_budgets SET"
            + " tokens = LEAST(?, tokens + EXTRACT(EPOCH FROM clock_timestamp() - updated_at) * ?, ?),"
            + " updated_at = clock_timestamp() WHERE vendor = ?";
    private static final Pattern SHOPIFY_CALL_LIMIT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");
    private static final Pattern SALESFORCE_API_USAGE = Pattern.compile(".*api-usage=(\\d+)/(\\d+).*");

    private final JdbcTemplate jdbc;
    private final Environment environment;
    private final BudgetProperties properties;
    private final IntegrationMetrics metrics;
    private final Map<String, Boolean> created = new ConcurrentHashMap<>();

    public VendorBudgets(JdbcTemplate jdbc, Environment environment, BudgetProperties properties,
                         MeterRegistry meters) {
        this.jdbc = jdbc;
        this.environment = environment;
        this.properties = properties;
        this.metrics = new IntegrationMetrics(meters);
    }

    /**
     * Waits for a token of the vendor's budget, chat requests before background jobs; none within
     * {@code max-wait}: 503 {@code upstream_rate_limited}.
     */
    public void acquire(Exchange exchange, String vendor) throws InterruptedException {
        String source = exchange.getProperty(UpstreamFailures.SOURCE, vendor, String.class);
        boolean chat = isChatRequest(exchange);
        long start = System.nanoTime();
        long deadline = start + properties.maxWait().toNanos();
        while (!tryAcquire(vendor, chat)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                metrics.rateLimitWait(vendor, Duration.ofNanos(System.nanoTime() - start));
                throw new UpstreamRateLimited(source, Duration.ofSeconds(1));
            }
            // about the time one token takes to come, at most what is left
            long pauseNanos = Math.min(left, Math.max(5_000_000L, (long) (1e9 / rate(vendor))));
            Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
        }
        if (System.nanoTime() - start > 1_000_000L) {   // waited for a token: counted as a rate-limit wait
            metrics.rateLimitWait(vendor, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Takes one token now if there is one for this kind of caller. */
    public boolean tryAcquire(String vendor, boolean chat) {
        double rate = rate(vendor);
        double capacity = capacity(rate);
        ensureRow(vendor, capacity);
        double reserve = chat ? 0 : capacity * properties.backgroundReserve();
        return jdbc.update(TAKE, capacity, rate, vendor, capacity, rate, reserve) == 1;
    }

    /** Lowers the budget to what the vendor's rate headers on this answer say is left. */
    public void observe(Exchange exchange, String vendor) {
        Double remaining = remaining(vendor, exchange.getMessage().getHeaders());
        if (remaining != null) {
            lowerTo(vendor, remaining);
        }
    }

    /** The vendor says only {@code remaining} calls are left: the bucket holds no more than that. */
    public void lowerTo(String vendor, double remaining) {
        double rate = rate(vendor);
        double capacity = capacity(rate);
        ensureRow(vendor, capacity);
        jdbc.update(LOWER, capacity, rate, Math.max(0, remaining), vendor);
    }

    /**
     * Calls left by the vendor's own count: HubSpot's {@code X-HubSpot-RateLimit-Remaining}, Zendesk's
     * {@code X-Rate-Limit-Remaining}, Shopify's {@code X-Shopify-Shop-Api-Call-Limit: used/size}, Salesforce's
     * {@code Sforce-Limit-Info: api-usage=used/allowed}; null when it sends none.
     */
    static Double remaining(String vendor, Map<String, Object> headers) {
        String value = switch (vendor) {
            case "hubspot" -> header(headers, "X-HubSpot-RateLimit-Remaining");
            case "zendesk" -> header(headers, "X-Rate-Limit-Remaining");
            case "shopify" -> header(headers, "X-Shopify-Shop-Api-Call-Limit");
            case "salesforce" -> header(headers, "Sforce-Limit-Info");
            default -> null;
        };
        if (value == null) {
            return null;
        }
        Matcher used = (vendor.equals("salesforce") ? SALESFORCE_API_USAGE : SHOPIFY_CALL_LIMIT).matcher(value);
        if ((vendor.equals("shopify") || vendor.equals("salesforce")) && used.matches()) {
            return Double.parseDouble(used.group(2)) - Double.parseDouble(used.group(1));
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /** A chat API request came in over HTTP; a job's exchange comes from its queue, a warm-up from a template. */
    static boolean isChatRequest(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        return from != null && from.getEndpointUri().toLowerCase(Locale.ROOT).startsWith("platform-http");
    }

    private double rate(String vendor) {
        return environment.getProperty("switchboard.vendors." + vendor + ".requests-per-second", Double.class, 10.0);
    }

    private double capacity(double rate) {
        return Math.max(1, rate * properties.burstSeconds());
    }

    private void ensureRow(String vendor, double capacity) {
        if (created.putIfAbsent(vendor, Boolean.TRUE) == null) {
            jdbc.update("INSERT INTO vendor_budgets (vendor, tokens) VALUES (?, ?) ON CONFLICT DO NOTHING", vendor,
                    capacity);
        }
    }

    private static String header(Map<String, Object> headers, String name) {
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
                return header.getValue().toString();
            }
        }
        return null;
    }
}
