package io.switchboard.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.retention.*}: how long the hub keeps its own records.
 *
 * @param webhookReceipts how long a webhook event id answers repeats as duplicates; longer than any vendor retries
 *                        (Stripe retries for up to three days)
 * @param auditLog        how long audit entries are kept
 * @param conversations   how long conversation events are kept (from their arrival), with their CRM-logging
 *                        records; a conversation goes with its last event
 * @param orderCancellations how long a settled order cancellation (cancelled or failed) is kept, from its outcome;
 *                           a repeat request after that reads the order itself, which says it is cancelled
 */
@ConfigurationProperties("switchboard.retention")
public record RetentionProperties(
        @DefaultValue("14d") Duration webhookReceipts,
        @DefaultValue("365d") Duration auditLog,
        @DefaultValue("90d") Duration conversations,
        @DefaultValue("90d") Duration orderCancellations) {
}
