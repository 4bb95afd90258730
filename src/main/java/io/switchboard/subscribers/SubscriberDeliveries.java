package io.switchboard.subscribers;

import io.switchboard.privacy.Consents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One delivery of the job {@code subscriber-delivery}: the event's CloudEvent as the body, signed with the
 * subscription's secret (Standard Webhooks: {@code webhook-id} is the event id on every attempt,
 * {@code webhook-timestamp} the attempt's time). A 2xx delivers it; anything else, or no answer within the
 * timeout, is a failed attempt that counts towards disabling the endpoint and is thrown for the job's retries. A
 * delivery done already (a redelivered job, a replayed dead letter) is not sent again; one to a disabled endpoint
 * fails without a call, so that it is delivered by a later retry or a replay once the endpoint is enabled again.
 */
@Component("subscriberDeliveries")
public class SubscriberDeliveries {

    /** An attempt that did not deliver. */
    public static class DeliveryFailed extends RuntimeException {
        DeliveryFailed(String message) {
            super(message);
        }
    }

    private record Delivery(String id, String subscriptionId, String url, boolean enabled, boolean marketing,
                            String eventId, String customerId, String body, String state) {
    }

    private static final Logger log = LoggerFactory.getLogger(SubscriberDeliveries.class);
    /** CloudEvents' HTTP binding, structured mode. */
    private static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final JdbcTemplate jdbc;
    private final Subscriptions subscriptions;
    private final Consents consents;
    private final SubscriberMetrics metrics;
    private final SubscribersProperties settings;
    private final HttpClient http;

    public SubscriberDeliveries(JdbcTemplate jdbc, Subscriptions subscriptions, Consents consents,
                                SubscriberMetrics metrics, SubscribersProperties settings) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.consents = consents;
        this.metrics = metrics;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends the delivery {@code id}; throws {@link DeliveryFailed} when this attempt did not deliver it. */
    public void deliver(String id) {
        List<Delivery> found = jdbc.query("SELECT d.id, d.subscription_id, s.url, s.enabled, s.marketing, d.event_id,"
                        + " d.customer_id, d.body, d.state FROM subscriber_deliveries d"
                        + " JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = ?",
                (rs, n) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)), id);
        if (found.isEmpty() || !"pending".equals(found.get(0).state())) {
            return;   // its subscription deleted, or done already
        }
        Delivery delivery = found.get(0);
        if (delivery.marketing() && delivery.customerId() != null
                && !consents.current(delivery.customerId()).marketing()) {
            done(delivery, "withheld", null);
            return;
        }
        if (!delivery.enabled()) {
            metrics.count(delivery.subscriptionId(), "endpoint_disabled");
            throw new DeliveryFailed("endpoint of " + delivery.subscriptionId() + " is disabled");
        }
        int status = send(delivery);
        if (status / 100 == 2) {
            subscriptions.succeeded(delivery.subscriptionId());
            done(delivery, "delivered", status);
            return;
        }
        jdbc.update("UPDATE subscriber_deliveries SET attempts = attempts + 1, last_status = ?::int WHERE id = ?",
                status < 0 ? null : (Object) status, delivery.id());
        boolean disabled = subscriptions.failed(delivery.subscriptionId(), settings.disableAfter());
        metrics.count(delivery.subscriptionId(), "failed");
        if (disabled) {
            metrics.count(delivery.subscriptionId(), "disabled");
            log.warn("Subscriber {} disabled after {} consecutive failed attempts", delivery.subscriptionId(),
                    settings.disableAfter());
        }
        throw new DeliveryFailed((status < 0 ? "no answer" : "HTTP " + status) + " from subscriber "
                + delivery.subscriptionId());
    }

    /** The subscriber's status code, or -1 when it did not answer in time or could not be reached. */
    private int send(Delivery delivery) {
        long timestamp = Instant.now().getEpochSecond();
        String signature = StandardWebhooks.sign(subscriptions.secret(delivery.subscriptionId()), delivery.eventId(),
                timestamp, delivery.body());
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(settings.timeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void done(Delivery delivery, String state, Integer status) {
        jdbc.update("UPDATE subscriber_deliveries SET state = ?, body = NULL, done_at = now(),"
                + " attempts = attempts + ?, last_status = COALESCE(?::int, last_status) WHERE id = ?",
                state, status == null ? 0 : 1, status, delivery.id());
        metrics.count(delivery.subscriptionId(), state);
    }
}
