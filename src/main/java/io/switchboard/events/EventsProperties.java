package io.switchboard.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.events.*}: which bus carries the domain events (the traffic of {@code switchboard.events}), its
 * consumers' settings on Artemis, and how to reach Kafka when it is Kafka. Cache evictions and job queues stay on
 * Artemis whatever the bus.
 *
 * @param bus     {@code artemis} (the Artemis topic {@code switchboard.events}) or {@code kafka}
 * @param artemis the Artemis bus's settings, used when {@code bus} is {@code artemis}
 * @param kafka   the Kafka bus's settings, used when {@code bus} is {@code kafka}
 */
@ConfigurationProperties("switchboard.events")
public record EventsProperties(@DefaultValue("artemis") Bus bus, @DefaultValue Artemis artemis,
                               @DefaultValue Kafka kafka) {

    /** The buses domain events can travel on. */
    public enum Bus { ARTEMIS, KAFKA }

    /**
     * @param consumers          consumers per instance of each subscription on the topic (the route template reads it
     *                           as a placeholder)
     * @param domainEventsOnly   the subscriptions the broker keeps the vendor events as received out of
     *                           ({@link SubscriptionFilters})
     * @param filterCheckEvery   how often the hub checks that those subscriptions have their filter
     */
    public record Artemis(
            @DefaultValue("3") int consumers,
            @DefaultValue({"switchboard-reactions", "switchboard-notifications", "switchboard-subscribers"})
            List<String> domainEventsOnly,
            @DefaultValue("60s") Duration filterCheckEvery) {

        public Artemis {
            domainEventsOnly = domainEventsOnly.stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
        }
    }

    /**
     * @param bootstrapServers the brokers to start from ({@code host:port,...})
     * @param topic            the topic of the domain events, keyed by each event's subject
     * @param sendTimeout      the most the outbox relay waits for the brokers to acknowledge a batch; then the
     *                         batch stays in the outbox and is sent again
     * @param properties       further Kafka client settings for the producer and the consumers alike (TLS, SASL:
     *                         {@code security.protocol}, {@code sasl.jaas.config} from the environment, ...)
     */
    public record Kafka(
            @DefaultValue("localhost:9092") String bootstrapServers,
            @DefaultValue("switchboard.events") String topic,
            @DefaultValue("30s") Duration sendTimeout,
            Map<String, String> properties) {

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }
}
