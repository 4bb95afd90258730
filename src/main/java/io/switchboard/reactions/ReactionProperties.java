package io.switchboard.reactions;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.jobs.reaction.*}: the job that runs one reaction to one domain event.
 *
 * @param retrySchedule delays between attempts (each ±20 %); after the last, {@code jobs.reaction.dlq}
 * @param consumers     concurrent workers per instance
 * @param claimFor      how long a worker holds a reaction while it runs it: a second copy of the job waits that long
 *                      (longer than the slowest vendor call's timeout and retries)
 */
@ConfigurationProperties("switchboard.jobs.reaction")
public record ReactionProperties(
        @DefaultValue({"5s", "20s", "1m", "5m", "20m", "1h", "3h", "6h"}) List<Duration> retrySchedule,
        @DefaultValue("2") int consumers,
        @DefaultValue("2m") Duration claimFor) {
}
