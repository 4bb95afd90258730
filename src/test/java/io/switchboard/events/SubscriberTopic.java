package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The domain events' Kafka topic as {@link KafkaEventBusTest} reads it on the test broker ({@link KafkaBroker}): its
 * records, read by a group of the test's own, and the subscribers' group's committed offsets and lag on it.
 */
final class SubscriberTopic {

    static final String TOPIC = "switchboard.events";
    private static final String GROUP = "switchboard-subscribers";

    private SubscriberTopic() {
    }

    /** Reads the topic from its start in a group of the test's own, until {@code count} records match. */
    static List<ConsumerRecord<String, String>> records(java.util.function.Predicate<ConsumerRecord<String, String>>
                                                                 matching, int count) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", KafkaBroker.bootstrapServers());
        settings.put("group.id", "test-reader-" + UUID.randomUUID());
        settings.put("auto.offset.reset", "earliest");
        settings.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            reader.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        assertThat(found).as("records on the topic").hasSize(count);
        found.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
        return found;
    }

    /** The subscribers' group's committed offset per partition. */
    static Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> committed.put(partition, offset == null ? 0 : offset.offset()));
            return committed;
        }
    }

    /** Per partition of the topic: records the subscribers' group has not committed. */
    static Map<TopicPartition, Long> lag() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(TOPIC).partitions().stream().map(p -> new TopicPartition(TOPIC, p.partition()))
                    .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(10, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
            Map<TopicPartition, Long> committed = committed();
            Map<TopicPartition, Long> lag = new HashMap<>();
            ends.forEach((partition, end) -> lag.put(partition, end - committed.getOrDefault(partition, 0L)));
            return lag;
        }
    }

    static long totalLag() throws Exception {
        return sum(lag());
    }

    static long sum(Map<TopicPartition, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }
}
