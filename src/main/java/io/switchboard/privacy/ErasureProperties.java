package io.switchboard.privacy;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.jobs.privacy-erasure.*}: the job that erases a customer locally and at every connected vendor.
 *
 * @param retrySchedule    delays between the job's attempts while a vendor fails (each ±20 %); after the last, the
 *                         job rests in {@code jobs.privacy-erasure.dlq} and the vendor stays {@code failed}
 * @param consumers        concurrent workers per instance
 * @param claimFor         how long a worker holds a vendor's part while it calls the vendor: longer than the call
 * @param timeoutMillis    the most one vendor's erase may take, retries included: longer than a chat call's
 *                         timeout, since no one waits on it and a call cut short may have erased already
 * @param salesforceAction {@code delete} the Contact, or {@code anonymise} it (its personal fields overwritten)
 *                         where the org must keep the record
 */
@ConfigurationProperties("switchboard.jobs.privacy-erasure")
public record ErasureProperties(
        @DefaultValue({"10s", "1m", "5m", "30m", "2h", "6h", "12h", "24h"}) List<Duration> retrySchedule,
        @DefaultValue("1") int consumers,
        @DefaultValue("2m") Duration claimFor,
        @DefaultValue("15000") int timeoutMillis,
        @DefaultValue("delete") String salesforceAction) {

    public ErasureProperties {
        retrySchedule = List.copyOf(retrySchedule);
        if (!"delete".equals(salesforceAction) && !"anonymise".equals(salesforceAction)) {
            throw new IllegalStateException("switchboard.jobs.privacy-erasure.salesforce-action must be delete or anonymise");
        }
    }
}
