package io.switchboard.subscribers;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.DomainEvents;
import io.switchboard.events.EventOutbox;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.events.OutboxRelay;
import io.switchboard.jobs.JobQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A domain event from {@code switchboard.events} to one delivery per enabled subscription of its type
 * (routes/events/subscriber-fan-out.camel.yaml): the deliveries and their jobs are written in one database
 * transaction, once per subscription and event however often the event comes (a redelivered message, an event
 * published twice after a crash), and the outbox puts the jobs on {@code jobs.subscriber-delivery}.
 */
@Component("subscriberFanOut")
public class SubscriberFanOut {

    private final DomainEvents events;
    private final Subscriptions subscriptions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventOutbox outbox;
    private final JobQueue deliveries;

    public SubscriberFanOut(DomainEvents events, Subscriptions subscriptions, JdbcTemplate jdbc,
                            TransactionTemplate transaction, EventOutbox outbox,
                            @Qualifier("subscriberDeliveryJobQueue") JobQueue deliveries) {
        this.events = events;
        this.subscriptions = subscriptions;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    /** @return how many deliveries the message made (0 for a message that is no domain event) */
    public int fanOut(String body) {
        DomainEvent event = body == null ? null : events.read(body);
        if (event == null) {
            return 0;
        }
        List<Subscription> receiving = subscriptions.receiving(event.type());
        if (receiving.isEmpty()) {
            return 0;
        }
        return transaction.execute(status -> {
            List<Publication> jobs = new ArrayList<>();
            for (Subscription subscription : receiving) {
                String id = "dlv_" + UUID.randomUUID().toString().replace("-", "");
                int inserted = jdbc.update("INSERT INTO subscriber_deliveries (id, subscription_id, event_id,"
                                + " event_type, customer_id, body) VALUES (?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (subscription_id, event_id) DO NOTHING",
                        id, subscription.id(), event.id(), event.type(), event.customerid(), body);
                if (inserted == 1) {
                    jobs.add(new Publication(OutboxRelay.queue(deliveries.queue()), id, null, null));
                }
            }
            outbox.write(jobs);
            return jobs.size();
        });
    }
}
