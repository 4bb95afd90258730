package io.switchboard.orders;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.orders.address-change.*}: the jobs that change an order's shipping address at the vendor.
 *
 * @param consumers     workers per instance
 * @param retrySchedule delays between a failing job's attempts (each ±20 %); after the last, its dead-letter queue
 */
@ConfigurationProperties("switchboard.orders.address-change")
public record AddressChangeProperties(
        @DefaultValue("1") int consumers,
        @DefaultValue({"10s", "1m", "5m", "15m", "30m"}) List<Duration> retrySchedule) {

    public AddressChangeProperties {
        retrySchedule = List.copyOf(retrySchedule);
    }
}
