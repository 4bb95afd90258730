package io.switchboard.events;

import io.switchboard.support.KafkaBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard.events.bus=kafka} against a real Kafka broker (KRaft, {@link KafkaBroker}): the hub's domain
 * events reach a subscriber through Kafka, each record keyed by its event's subject and one subject's events in
 * order; the subscribers' consumer group ({@code switchboard-subscribers}, routes/events/subscriber-fan-out.camel.yaml
 * through the {@code domain-events-kafka} template) commits a record only after it was applied, takes a record
 * whose applying failed again, and a consumer stopped mid-way and started again loses no event and applies none
 * twice. The fan-out is held up by a lock the test takes on its table, and failed by cancelling its statement. One
 * hub of its own serves both concerns, each a nested class: delivery ({@link KafkaEventDelivery}) and recovery
 * ({@link KafkaEventRecovery}).
 */
class KafkaEventBusTest {

    @TempDir
    static Path data;

    @BeforeAll
    static void startHubOnKafka() {
        KafkaEventBusCase.startHubOnKafka(data);
    }

    @AfterAll
    static void stopHub() {
        KafkaEventBusCase.stopHub();
    }

    @Nested
    class Delivery extends KafkaEventDelivery {
    }

    @Nested
    class Recovery extends KafkaEventRecovery {
    }
}
