package io.switchboard.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of what the hub sends to the broker itself (webhook deliveries, outbox rows relayed
 * later): the message carries it as its {@code traceparent} property, and whoever takes the message continues the
 * trace from it (a Camel consumer by itself; the webhook workers through {@link #continued}).
 */
@Component
public class TraceParent {

    /** The message property, as W3C Trace Context names the header. */
    public static final String PROPERTY = "traceparent";

    private static final int LENGTH = 55;   // 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The tracing beans, looked up once: a lookup through the providers costs more than the work it serves. */
    private record Tracing(Tracer tracer, Propagator propagator) {

        boolean on() {
            return tracer != null && tracer != Tracer.NOOP;
        }
    }

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final double sampled;
    private volatile Tracing tracing;

    public TraceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
                       @Value("${management.tracing.sampling.probability:0.1}") double sampled) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.sampled = sampled;
    }

    /** The current span's, or null when no span is current (or tracing is off). */
    public String current() {
        Tracing beans = tracing();
        Span span = beans.tracer() == null ? null : beans.tracer().currentSpan();
        if (span == null || beans.propagator() == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        beans.propagator().inject(span.context(), carrier, Map::put);
        return carrier.get(PROPERTY);
    }

    /**
     * For what arrives outside any span (the webhook door, kept out of Spring's observations for its throughput): the
     * request's own traceparent when it sent a valid one, else a new trace's, sampled at
     * {@code management.tracing.sampling.probability}, as a trace started here would be; null with tracing off. The
     * new one names no recorded span: the trace's first span is the worker's. No tracer is asked: a few random
     * numbers and one string.
     */
    public String incomingOrNew(String incoming) {
        if (!tracing().on()) {
            return null;
        }
        if (valid(incoming)) {
            return incoming;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] value = new char[LENGTH];
        value[0] = '0';
        value[1] = '0';
        value[2] = '-';
        hex(random.nextLong() | 1, value, 3);   // a trace id is never all zeros
        hex(random.nextLong(), value, 19);
        value[35] = '-';
        hex(random.nextLong() | 1, value, 36);
        value[52] = '-';
        value[53] = '0';
        value[54] = random.nextDouble() < sampled ? '1' : '0';
        return new String(value);
    }

    /**
     * Runs {@code work} in a span of the trace {@code traceparent} names (a consumer span, its child), so that what the
     * work traces (Camel's spans, the vendor calls and broker messages it makes) joins that trace; just runs it when
     * there is no traceparent or tracing is off.
     */
    public <T> T continued(String traceparent, String name, Supplier<T> work) {
        Tracing beans = tracing();
        if (traceparent == null || !beans.on() || beans.propagator() == null) {
            return work.get();
        }
        Span span = beans.propagator().extract(Map.of(PROPERTY, traceparent), Map::get)
                .name(name).kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope scope = beans.tracer().withSpan(span)) {
            return work.get();
        } catch (RuntimeException failure) {
            span.error(failure);
            throw failure;
        } finally {
            span.end();
        }
    }

    /**
     * The tracer and propagator, or nulls; {@link Tracing#on} tells whether the hub traces at all (a tracer other than
     * the no-op one Spring Boot falls back to). Looked up on first use, when the context has made them.
     */
    private Tracing tracing() {
        Tracing beans = tracing;
        if (beans == null) {
            beans = new Tracing(tracer.getIfAvailable(), propagator.getIfAvailable());
            tracing = beans;
        }
        return beans;
    }

    /** A W3C traceparent of version 00: lower-case hex ids, neither all zeros. */
    static boolean valid(String value) {
        if (value == null || value.length() != LENGTH || value.charAt(0) != '0' || value.charAt(1) != '0'
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return false;
        }
        boolean traceId = false;
        boolean spanId = false;
        for (int i = 3; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (i == 35 || i == 52) {
                continue;
            }
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            traceId |= i < 35 && c != '0';
            spanId |= i > 35 && i < 52 && c != '0';
        }
        return traceId && spanId;
    }

    private static void hex(long bits, char[] into, int at) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = HEX[(int) (bits & 0xf)];
            bits >>>= 4;
        }
    }
}
