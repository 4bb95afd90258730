package io.switchboard.privacy;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.jobs.crm-activity.*}: the job that logs consented conversation events to the CRM.
 *
 * @param retrySchedule delays between attempts (each ±20 %); after the last, {@code jobs.crm-activity.dlq}
 * @param consumers     concurrent workers per instance
 * @param claimFor      how long a worker holds an event while it logs it: a second copy of the job waits that long
 *                      before trying (longer than the CRM's timeout and retries)
 */
@ConfigurationProperties("switchboard.jobs.crm-activity")
public record CrmActivityJobProperties(
        @DefaultValue({"5s", "20s", "1m", "5m", "20m", "1h", "3h", "6h"}) List<Duration> retrySchedule,
        @DefaultValue("2") int consumers,
        @DefaultValue("2m") Duration claimFor) {
}
