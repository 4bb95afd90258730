package io.switchboard.orders;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.orders.cancellation.*}: the order cancellation jobs.
 *
 * @param consumers     consumers of the job queue on each instance
 * @param retrySchedule delays between attempts of a failing job; after the last, the dead-letter queue
 */
@ConfigurationProperties("switchboard.orders.cancellation")
public record CancellationProperties(
        @DefaultValue("2") int consumers,
        @DefaultValue({"10s", "1m", "5m", "15m", "30m"}) List<Duration> retrySchedule) {

    public CancellationProperties {
        retrySchedule = List.copyOf(retrySchedule);
    }
}
