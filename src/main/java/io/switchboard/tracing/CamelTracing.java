package io.switchboard.tracing;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.apache.camel.CamelContext;
import org.apache.camel.observation.MicrometerObservationTracer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel exchanges as Micrometer observations (camel-observation), on the tracer and observation registry Spring
 * Boot configures: an endpoint a route sends to (a vendor's HTTP API, a broker queue) gets the exchange's trace
 * context as W3C {@code traceparent} (an HTTP header; a JMS property), and a route's consumer continues the trace a
 * message or request brings. Set up here rather than by camel-observation-starter, whose auto-configuration steps
 * aside whenever Spring Boot's actuator tracing is present.
 */
@Configuration(proxyBeanMethods = false)
public class CamelTracing {

    @Bean
    MicrometerObservationTracer camelObservationTracer(CamelContext camel, Tracer tracer, ObservationRegistry registry,
            @Value("${switchboard.tracing.camel-exclude-patterns:}") String excludePatterns) {
        MicrometerObservationTracer observations = new MicrometerObservationTracer();
        observations.setTracer(tracer);
        observations.setObservationRegistry(registry);
        // JMS property names cannot hold dashes: Camel encodes them on broker messages
        observations.setEncoding(true);
        if (!excludePatterns.isBlank()) {
            observations.setExcludePatterns(excludePatterns);
        }
        observations.init(camel);
        return observations;
    }
}
