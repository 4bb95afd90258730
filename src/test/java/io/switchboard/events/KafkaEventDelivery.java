package io.switchboard.events;

import static io.switchboard.events.SubscriberTopic.TOPIC;
import static io.switchboard.events.SubscriberTopic.committed;
import static io.switchboard.events.SubscriberTopic.lag;
import static io.switchboard.events.SubscriberTopic.records;
import static io.switchboard.events.SubscriberTopic.sum;
import static io.switchboard.events.SubscriberTopic.totalLag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.support.PrivacyClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Domain events delivered through Kafka: an inquiry reaches the subscriber in a record keyed by its event's subject
 * and is committed once applied; one subject's events come in order, and none is committed before it is applied
 * (the fan-out held up by a lock the test takes on its table). Run by {@link KafkaEventBusTest} on its hub.
 */
abstract class KafkaEventDelivery extends KafkaEventBusCase {

    @Test
    void anInquiryReachesTheSubscriberThroughKafkaKeyedByItsSubjectAndIsCommittedOnceApplied() throws Exception {
        subscribe("[\"inquiry.received\"]");
        String conversation = "conv-kafka-" + UUID.randomUUID();

        String eventId = new PrivacyClient(port, ADMIN_KEY).message("cust-kafka-1", conversation, "Where is it?");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(b -> b.contains(conversation)));
        JsonNode delivered = json.readTree(received.stream().filter(b -> b.contains(conversation)).findFirst()
                .orElseThrow());
        assertThat(delivered.path("type").asText()).isEqualTo("inquiry.received");
        assertThat(delivered.path("subject").asText()).isEqualTo(conversation);

        ConsumerRecord<String, String> record = records(r -> r.value().contains(conversation), 1).get(0);
        assertThat(record.key()).as("the record key is the event's subject").isEqualTo(conversation);
        assertThat(json.readTree(record.value()).path("id").asText()).isEqualTo(delivered.path("id").asText());
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        assertThat(new String(record.headers().lastHeader("eventFormat").value(), StandardCharsets.UTF_8))
                .isEqualTo("cloudevents");
        assertThat(eventId).isNotBlank();
        TopicPartition partition = new TopicPartition(TOPIC, record.partition());
        await().atMost(Duration.ofSeconds(10)).until(() -> committed().getOrDefault(partition, -1L) > record.offset());
    }

    @Test
    void eachSubjectsEventsComeInOrderAndNoneIsCommittedBeforeItIsApplied() throws Exception {
        subscribe("[\"*\"]");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> subjects = List.of("order-a-" + run, "order-b-" + run, "order-c-" + run);
        List<DomainEvent> events = new ArrayList<>();
        for (int seq = 0; seq < 10; seq++) {
            for (String subject : subjects) {
                events.add(event(subject, seq));
            }
        }

        Map<TopicPartition, Long> before = lag();
        try (Connection lock = hub.getBean(DataSource.class).getConnection()) {
            // the fan-out's INSERTs wait: the consumer holds its first record, applied by nobody yet
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE subscriber_deliveries IN SHARE MODE");

            publish(events);

            List<ConsumerRecord<String, String>> records = records(r -> r.value().contains(run), events.size());
            Map<String, List<ConsumerRecord<String, String>>> bySubject = records.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new, Collectors.toList()));
            assertThat(bySubject.keySet()).containsExactlyInAnyOrderElementsOf(subjects);
            for (String subject : subjects) {
                List<ConsumerRecord<String, String>> ofSubject = bySubject.get(subject);
                assertThat(ofSubject.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
                assertThat(ofSubject.stream().map(r -> seq(r.value())).toList())
                        .as("%s's events in the order they were published", subject)
                        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            }
            // longer than a consumer's auto-commit interval (5 s): nothing applied, so nothing committed
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() ->
                    totalLag() - sum(before) >= events.size() && deliveries(events) == 0);
            lock.rollback();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(events) == events.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> totalLag() == 0);
        assertThat(deliveries(events)).isEqualTo(events.size());
    }
}
