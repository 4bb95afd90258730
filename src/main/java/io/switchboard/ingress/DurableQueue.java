package io.switchboard.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.ApiException;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts a verified delivery on its source's durable queue and returns only once the broker has confirmed it: a
 * persistent send on a non-transacted session blocks until the broker has written it to its journal. A broker
 * that cannot confirm within {@code switchboard.webhooks.enqueue-timeout} makes the vendor retry (503).
 */
@Component
public class DurableQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DurableQueue.class);

    private final JmsTemplate jms;
    private final ObjectMapper json;
    private final Duration timeout;
    private final ExecutorService senders = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "webhook-enqueue");
        thread.setDaemon(true);
        return thread;
    });

    public DurableQueue(JmsTemplate jms, ObjectMapper json, WebhookProperties properties) {
        this.jms = new JmsTemplate(jms.getConnectionFactory());
        this.jms.setExplicitQosEnabled(true);
        this.jms.setDeliveryMode(DeliveryMode.PERSISTENT);
        this.json = json;
        this.timeout = properties.enqueueTimeout();
    }

    public void enqueue(WebhookDelivery delivery, String eventId, String eventType, Instant receivedAt) {
        String headers = headersJson(delivery);
        Future<?> send = senders.submit(() -> jms.send(WebhookQueues.queue(delivery.source()), session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(delivery.body());
            message.setStringProperty(WebhookQueues.SOURCE, delivery.source());
            message.setStringProperty(WebhookQueues.EVENT_ID, eventId);
            if (eventType != null) {
                message.setStringProperty(WebhookQueues.EVENT_TYPE, eventType);
            }
            message.setStringProperty(WebhookQueues.RECEIVED_AT, receivedAt.toString());
            message.setStringProperty(WebhookQueues.HEADERS, headers);
            return message;
        }));
        try {
            send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            send.cancel(true);
            log.warn("Broker did not take a {} delivery: {}", delivery.source(), e.getClass().getSimpleName());
            throw ApiException.unavailable("broker", Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("broker", Duration.ofSeconds(5));
        }
    }

    private String headersJson(WebhookDelivery delivery) {
        try {
            return json.writeValueAsString(delivery.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers not serializable", e);
        }
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
