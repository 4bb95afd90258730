package io.switchboard.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The current trace as a W3C {@code traceparent} value, for what the hub sends to the broker itself (webhook
 * deliveries, outbox rows relayed later): the message carries it as its {@code traceparent} property, and the
 * Camel consumer that takes the message continues the trace from it. Null when no span is current (or tracing is
 * off).
 */
@Component
public class TraceParent {

    /** The message property, as W3C Trace Context names the header. */
    public static final String PROPERTY = "traceparent";

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    public TraceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public String current() {
        Tracer tracing = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        Span span = tracing == null ? null : tracing.currentSpan();
        if (span == null || propagation == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagation.inject(span.context(), carrier, Map::put);
        return carrier.get(PROPERTY);
    }
}
