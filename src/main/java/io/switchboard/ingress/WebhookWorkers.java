package io.switchboard.ingress;

import io.switchboard.api.RequestIds;
import io.switchboard.jobs.BackgroundLoop;
import io.switchboard.jobs.TransactedSession;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consumers of the sources' queues ({@code switchboard.webhooks.consumers-per-source} threads per source). Each
 * takes what is waiting on its queue, up to {@code switchboard.webhooks.worker-batch}, and hands every delivery to
 * {@code direct:webhooks.process} (routes/webhooks/process.camel.yaml) inside one PostgreSQL transaction, then
 * commits its broker transaction: one commit on each side for the whole batch, instead of two per event. When any
 * delivery of a batch fails, the batch's database work is rolled back and its deliveries are applied one by one, so
 * that only the failing one is rescheduled or dead-lettered by {@link WebhookRetries}, in the same broker transaction
 * as the consume. A crash between the two commits redelivers deliveries already applied; the process route skips them.
 */
@Component
public class WebhookWorkers extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorkers.class);

    private final List<String> queues = new ArrayList<>();
    private final AtomicInteger nextQueue = new AtomicInteger();
    private final ConnectionFactory connections;
    private final ProducerTemplate camel;
    private final CamelContext camelContext;
    private final TransactionTemplate transaction;
    private final WebhookRetries retries;
    private final int maxBatch;

    public WebhookWorkers(WebhookSources sources, ConnectionFactory connections, ProducerTemplate camel,
                          TransactionTemplate transaction, WebhookRetries retries,
                          @Value("${switchboard.webhooks.consumers-per-source:2}") int consumers,
                          @Value("${switchboard.webhooks.worker-batch:100}") int maxBatch) {
        super("webhook-worker", sources.all().size() * consumers);
        for (int i = 0; i < consumers; i++) {
            sources.all().forEach(source -> queues.add(WebhookQueues.queue(source.name())));
        }
        this.connections = connections;
        this.camel = camel;
        this.camelContext = camel.getCamelContext();
        this.transaction = transaction;
        this.retries = retries;
        this.maxBatch = maxBatch;
    }

    /** One consumer: the threads take the queues in turn, so that every source has its share of them. */
    @Override
    protected void work() {
        String queue = queues.get(nextQueue.getAndIncrement() % queues.size());
        TransactedSession transacted = new TransactedSession(connections);
        MessageConsumer consumer = null;
        List<Message> batch = new ArrayList<>(maxBatch);
        while (isRunning()) {
            if (!camelContext.isStarted()) {
                pause(200);   // the hub starts its routes after its background loops: the process route is not up yet
                continue;
            }
            try {
                Session session = transacted.get();
                if (consumer == null) {
                    consumer = session.createConsumer(session.createQueue(queue));
                }
                Message next = consumer.receive(500);
                while (next != null) {
                    batch.add(next);
                    next = batch.size() < maxBatch ? consumer.receiveNoWait() : null;
                }
                if (!batch.isEmpty()) {
                    apply(batch, session);
                    session.commit();
                }
            } catch (JMSException | RuntimeException e) {
                // the broker rolls the batch back and delivers it again; what was applied is skipped then
                log.warn("Webhook worker on {} failed, reconnecting: {}", queue, e.toString());
                transacted.reset();
                consumer = null;
                pause(500);
            } finally {
                batch.clear();
            }
        }
        transacted.close();
    }

    private void apply(List<Message> batch, Session session) throws JMSException {
        List<WebhookRetries.Queued> deliveries = new ArrayList<>(batch.size());
        for (Message message : batch) {
            deliveries.add(WebhookRetries.Queued.of(message));
        }
        try {
            transaction.executeWithoutResult(status -> deliveries.forEach(this::process));
        } catch (RuntimeException batchFailed) {
            for (WebhookRetries.Queued delivery : deliveries) {
                try {
                    transaction.executeWithoutResult(status -> process(delivery));
                } catch (RuntimeException failure) {
                    if (!camelContext.isStarted()) {
                        // the hub is stopping, not the delivery failing: roll back, so that no attempt is spent
                        throw failure;
                    }
                    retries.reschedule(session, delivery, failure);
                }
            }
        }
    }

    /** Runs the process route on one delivery; its failure is thrown, to roll the transaction back. */
    private void process(WebhookRetries.Queued delivery) {
        String requestId = delivery.property(WebhookQueues.REQUEST_ID);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            Exchange done = camel.send("direct:webhooks.process", exchange -> {
                exchange.getMessage().setHeaders(new HashMap<>(delivery.properties()));
                exchange.getMessage().setBody(delivery.body());
            });
            if (done.getException() != null) {
                throw new DeliveryFailed(done.getException());
            }
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    /** A delivery's processing failed; its cause is the reason recorded with a retry or dead letter. */
    static final class DeliveryFailed extends RuntimeException {

        DeliveryFailed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
