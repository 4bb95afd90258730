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
 * @param tickets         how long the ticket ledger remembers a conversation's ticket (a repeat within it gets the
 *                        same ticket)
 * @param deadLetters     how long a dead letter (webhook deliveries and jobs) waits for an operator, from when it
 *                        was dead-lettered
 * @param exports         how long an export stored for an operator (Shopify's customers/data_request) is kept
 * @param erasureProofs   how long the proof of a settled erasure is kept (request id, time, systems, outcomes)
 */
@ConfigurationProperties("switchboard.retention")
public record RetentionProperties(
        @DefaultValue("14d") Duration webhookReceipts,
        @DefaultValue("365d") Duration auditLog,
        @DefaultValue("90d") Duration conversations,
        @DefaultValue("90d") Duration orderCancellations,
        @DefaultValue("365d") Duration tickets,
        @DefaultValue("30d") Duration deadLetters,
        @DefaultValue("30d") Duration exports,
        @DefaultValue("1095d") Duration erasureProofs) {
}
