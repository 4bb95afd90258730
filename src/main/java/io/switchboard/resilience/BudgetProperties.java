package io.switchboard.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.budgets.*}: the vendor budgets all instances share ({@link VendorBudgets}); each vendor's rate
 * is its {@code switchboard.vendors.<vendor>.requests-per-second}.
 *
 * @param burstSeconds      the bucket holds this many seconds of the rate (the most sent at once after a pause)
 * @param backgroundReserve the share of the bucket background jobs leave to chat requests: a job takes a token only
 *                          while more than this share remains
 * @param maxWait           the longest a call waits for a token; then 503 upstream_rate_limited with Retry-After
 */
@ConfigurationProperties("switchboard.budgets")
public record BudgetProperties(
        @DefaultValue("1") double burstSeconds,
        @DefaultValue("0.5") double backgroundReserve,
        @DefaultValue("2s") Duration maxWait) {
}
