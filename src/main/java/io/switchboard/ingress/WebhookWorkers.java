package io.switchboard.ingress;

import io.switchboard.events.CanonicalEvent;
import io.switchboard.events.EventOutbox;
import io.switchboard.messaging.BackgroundLoop;
import io.switchboard.messaging.DeliveryFailed;
import io.switchboard.messaging.QueuedMessages;
import io.switchboard.messaging.TransactedSession;
import io.switchboard.messaging.WebhookMetrics;
import io.switchboard.messaging.WebhookQueues;
import io.switchboard.messaging.WebhookRetries;
import io.switchboard.tracing.RequestIds;
import io.switchboard.tracing.TraceParent;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.Phased;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consumers of the sources' queues ({@code switchboard.webhooks.consumers-per-source} threads per source). Each
 * takes what is waiting on its queue (a message holds one delivery or a bundle of them, {@link QueuedMessages}), up
 * to {@code switchboard.webhooks.worker-batch} deliveries, and applies it in one
 * PostgreSQL transaction: one statement claims the batch's events as applied (copies of events applied before are
 * skipped), {@code direct:webhooks.process} (routes/webhooks/process.camel.yaml) runs on each new event, and one
 * statement writes what they publish to the outbox; then the broker transaction commits the consumption. When any
 * delivery of a batch fails, the batch's database work is rolled back and its deliveries are applied one by one, so
 * that only the failing one is rescheduled or dead-lettered by {@link WebhookRetries}, in the same broker transaction
 * as the consume. A crash between the two commits redelivers deliveries already applied; their claims skip them.
 * On shutdown the workers stop before Camel does (see {@link #getPhase()}), so that each finishes its current batch.
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
    private final WebhookReceipts receipts;
    private final EventOutbox outbox;
    private final WebhookMetrics metrics;
    private final TraceParent traceParent;
    private final int maxBatch;

    public WebhookWorkers(WebhookSources sources, ConnectionFactory connections, ProducerTemplate camel,
                          TransactionTemplate transaction, WebhookRetries retries, WebhookReceipts receipts,
                          EventOutbox outbox, WebhookMetrics metrics, TraceParent traceParent,
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
        this.receipts = receipts;
        this.outbox = outbox;
        this.metrics = metrics;
        this.traceParent = traceParent;
        this.maxBatch = maxBatch;
    }

    /**
     * Started just after Camel, and so stopped just before it: after the web server has drained its requests, the
     * workers finish the batch in hand (committing it to the database and the broker) while the process route still
     * runs. At the loops' default phase they would outlive Camel, and a batch caught in the middle would be rolled
     * back and delivered again after the restart.
     */
    @Override
    public int getPhase() {
        return camelContext instanceof Phased camel ? camel.getPhase() + 1 : super.getPhase();
    }

    /** One consumer: the threads take the queues in turn, so that every source has its share of them. */
    @Override
    protected void work() {
        String queue = queues.get(nextQueue.getAndIncrement() % queues.size());
        TransactedSession transacted = new TransactedSession(connections);
        MessageConsumer consumer = null;
        List<WebhookRetries.Queued> batch = new ArrayList<>(maxBatch);
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
                    batch.addAll(QueuedMessages.read(next));
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

    private void apply(List<WebhookRetries.Queued> deliveries, Session session) throws JMSException {
        try {
            counted(transaction.execute(status -> applyOnce(deliveries)));
        } catch (RuntimeException batchFailed) {
            for (WebhookRetries.Queued delivery : deliveries) {
                try {
                    counted(transaction.execute(status -> applyOnce(List.of(delivery))));
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

    /**
     * In the caller's transaction: claims the deliveries' events as applied, runs the process route on each event
     * claimed for the first time (copies of events applied before are skipped) and writes what they publish.
     *
     * @return the events applied
     */
    private List<CanonicalEvent> applyOnce(List<WebhookRetries.Queued> deliveries) {
        Set<WebhookReceipts.Receipt> fresh = receipts.claimApplied(deliveries.stream()
                .map(WebhookWorkers::receipt).distinct().toList());
        List<CanonicalEvent> applied = new ArrayList<>(fresh.size());
        List<EventOutbox.Publication> publications = new ArrayList<>();
        for (WebhookRetries.Queued delivery : deliveries) {
            if (fresh.remove(receipt(delivery))) {
                Exchange done = process(delivery);
                applied.add(EventOutbox.event(done));
                publications.addAll(EventOutbox.staged(done));
            }
        }
        outbox.write(publications);
        return applied;
    }

    private void counted(List<CanonicalEvent> applied) {
        Instant now = Instant.now();
        applied.forEach(event -> metrics.processed(event.source(), Duration.between(event.receivedAt(), now)));
    }

    private static WebhookReceipts.Receipt receipt(WebhookRetries.Queued delivery) {
        return new WebhookReceipts.Receipt(delivery.property(WebhookQueues.SOURCE),
                delivery.property(WebhookQueues.EVENT_ID));
    }

    /**
     * Runs the process route on one delivery, in the delivery's trace (its {@code traceparent} from the door); its
     * failure is thrown, to roll the transaction back.
     */
    private Exchange process(WebhookRetries.Queued delivery) {
        String requestId = delivery.property(WebhookQueues.REQUEST_ID);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            Exchange done = traceParent.continued(delivery.property(TraceParent.PROPERTY), "webhook process",
                    () -> camel.send("direct:webhooks.process", exchange -> {
                        exchange.getMessage().setHeaders(new HashMap<>(delivery.properties()));
                        exchange.getMessage().setBody(delivery.body());
                    }));
            if (done.getException() != null) {
                throw new DeliveryFailed(done.getException());
            }
            return done;
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
