package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.support.SwitchedHub;
import jakarta.jms.ConnectionFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * {@code switchboard.events.bus=kafka} with no Kafka to be reached: the domain events wait in the outbox, while what
 * goes to Artemis in the same transaction (here a job's queue row) is not held up by them.
 */
class KafkaAwayTest {

    @TempDir
    Path data;

    @Test
    void domainEventsWaitInTheOutboxWhileTheJobQueuesOnArtemisMoveOn() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext hub = SwitchedHub.start(data, "switchboard.events.bus=kafka",
                "switchboard.events.kafka.bootstrap-servers=127.0.0.1:" + nobody,
                "switchboard.events.kafka.send-timeout=2s")) {
            DomainEvents domainEvents = hub.getBean(DomainEvents.class);
            DomainEvent event = DomainEvent.of("evt_" + UUID.randomUUID(), "/switchboard/tests", "order.status_changed",
                    "order-away", Instant.now(), null, null);
            String queue = "tests.kafka-away";

            hub.getBean(EventOutbox.class).commit(() -> { }, List.of(domainEvents.publication(event),
                    new Publication(OutboxRelay.queue(queue), "job-after-the-event", null, null)));

            JmsTemplate broker = new JmsTemplate(hub.getBean(ConnectionFactory.class));
            broker.setReceiveTimeout(30_000);
            assertThat(broker.receiveAndConvert(queue)).as("the job row reached its queue")
                    .isEqualTo("job-after-the-event");
            assertThat(hub.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM event_outbox WHERE topic = ? AND body LIKE ?", Integer.class,
                    DomainEvents.TOPIC, "%" + event.id() + "%"))
                    .as("the domain event waits for Kafka").isEqualTo(1);
        }
    }
}
