package io.switchboard.ingress;

import io.switchboard.ingress.verification.SignatureScheme;
import io.switchboard.messaging.RetryingQueues;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The configured sources, each bound to its scheme; startup fails on an unknown scheme or a source without secrets. */
@Component
public class WebhookSources implements RetryingQueues.Owner {

    /** A source ready to verify deliveries. */
    public record Bound(String name, SignatureScheme scheme, WebhookProperties.Source settings) {
    }

    private final Map<String, Bound> sources = new HashMap<>();

    public WebhookSources(WebhookProperties properties, List<SignatureScheme> schemes) {
        Map<String, SignatureScheme> byName = new HashMap<>();
        schemes.forEach(scheme -> byName.put(scheme.name(), scheme));
        properties.sources().forEach((name, settings) -> {
            SignatureScheme scheme = GenericHmacScheme.NAME.equals(settings.scheme())
                    ? new GenericHmacScheme(settings.hmac())
                    : byName.get(settings.scheme());
            if (scheme == null) {
                throw new IllegalStateException("switchboard.webhooks.sources." + name + ".scheme: unknown scheme '"
                        + settings.scheme() + "', expected " + GenericHmacScheme.NAME + " or one of " + byName.keySet());
            }
            if (settings.secrets().isEmpty()) {
                throw new IllegalStateException("switchboard.webhooks.sources." + name + ".secrets: none set");
            }
            sources.put(name, new Bound(name, scheme, settings));
        });
    }

    public Optional<Bound> find(String name) {
        return Optional.ofNullable(name == null ? null : sources.get(name));
    }

    public Collection<Bound> all() {
        return sources.values();
    }

    /** Each source's queue is retried on the source's schedule, then dead-lettered. */
    @Override
    public Collection<RetryingQueues.Retrying> retryingQueues() {
        return all().stream().map(source -> RetryingQueues.webhook(source.name(), source.settings().retrySchedule()))
                .toList();
    }
}
