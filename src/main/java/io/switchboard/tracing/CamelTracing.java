package io.switchboard.tracing;

import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.observation.MicrometerObservationTracer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel exchanges as Micrometer observations (camel-observation), on the tracer Spring Boot configures: an endpoint
 * a route sends to (a vendor's HTTP API, a broker queue) gets the exchange's trace context as W3C
 * {@code traceparent} (an HTTP header; a JMS property), and a route's consumer continues the trace a message or
 * request brings. Set up here rather than by camel-observation-starter, whose auto-configuration steps aside
 * whenever Spring Boot's actuator tracing is present.
 *
 * <p>Camel's observations go to a registry of their own that only traces: on the application's registry each of
 * them (a dozen per chat request, one per endpoint an exchange reaches) also made a timer and a long task timer,
 * a third of a warm read's CPU, duplicating the route metrics camel-micrometer keeps.
 */
@Configuration(proxyBeanMethods = false)
public class CamelTracing {

    @Bean
    MicrometerObservationTracer camelObservationTracer(CamelContext camel, Tracer tracer,
            PropagatingSenderTracingObservationHandler<?> sender, PropagatingReceiverTracingObservationHandler<?> receiver,
            DefaultTracingObservationHandler spans,
            @Value("${switchboard.tracing.camel-exclude-patterns:}") String excludePatterns) {
        ObservationRegistry tracingOnly = ObservationRegistry.create();
        tracingOnly.observationConfig().observationHandler(new FirstMatchingCompositeObservationHandler(sender, receiver, spans));
        MicrometerObservationTracer observations = new MicrometerObservationTracer();
        observations.setTracer(tracer);
        observations.setObservationRegistry(tracingOnly);
        // JMS property names cannot hold dashes: Camel encodes them on broker messages
        observations.setEncoding(true);
        if (!excludePatterns.isBlank()) {
            observations.setExcludePatterns(excludePatterns);
        }
        observations.init(camel);
        return observations;
    }
}
