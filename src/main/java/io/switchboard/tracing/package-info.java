/**
 * Correlation: the request id convention, and distributed tracing (Micrometer Tracing on OpenTelemetry, with the W3C
 * {@code traceparent} carried onto vendor calls (Camel's Micrometer Observation tracer) and broker messages,
 * exported over OTLP when an endpoint is set).
 */
package io.switchboard.tracing;
