package io.switchboard.events;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * Commits a Kafka record's offset once the consumer route of domain events applied it (template
 * {@code domain-events-kafka}, routes/events/domain-events.camel.yaml). A route that fails never gets here: the
 * offset stays where it was, the consumer seeks back and takes the record again (at least once; consumers dedupe by
 * event id).
 */
@Component("kafkaOffsets")
public class KafkaOffsets {

    /** The exchange property that keeps a record's commit while the consumer route runs (it may drop headers). */
    public static final String PENDING = "domainEventOffset";

    /** Commits the exchange's record, synchronously: a commit the broker refused fails the exchange. */
    public void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getProperty(PENDING, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("no Kafka record to commit: the consumer's allowManualCommit is off");
        }
        commit.commit();
    }
}
