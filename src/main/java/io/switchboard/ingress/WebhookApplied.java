package io.switchboard.ingress;

import io.switchboard.events.CanonicalEvent;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The last step of processing an event: counts it, with the time from its receipt. */
@Component("webhookApplied")
public class WebhookApplied {

    private final WebhookMetrics metrics;

    public WebhookApplied(WebhookMetrics metrics) {
        this.metrics = metrics;
    }

    public void applied(CanonicalEvent event) {
        metrics.processed(event.source(), Duration.between(event.receivedAt(), Instant.now()));
    }
}
