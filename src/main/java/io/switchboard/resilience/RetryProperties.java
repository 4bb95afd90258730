package io.switchboard.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.resilience.retry.*}: how a vendor call is retried on 429, 5xx and I/O errors, inside its
 * integration's timeout.
 *
 * @param attempts  calls at most, the first included
 * @param backoff   the first delay; each next one doubles, ±20 % jitter
 * @param maxDelay  the longest delay, and the longest Retry-After honoured
 */
@ConfigurationProperties("switchboard.resilience.retry")
public record RetryProperties(
        @DefaultValue("3") int attempts,
        @DefaultValue("100ms") Duration backoff,
        @DefaultValue("2s") Duration maxDelay) {
}
