package io.switchboard.events;

import java.util.HashMap;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camel kafka component, which the consumer routes of domain events read with, reaches the brokers of
 * {@code switchboard.events.kafka} with the same client settings as the outbox relay's producer ({@link KafkaEventBus}).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaClientSettings {

    @Bean
    ComponentCustomizer kafkaEventBusClient(EventsProperties events) {
        return ComponentCustomizer.builder(KafkaComponent.class).withOrder(ComponentCustomizer.LOWEST).build(kafka -> {
            kafka.getConfiguration().setBrokers(events.kafka().bootstrapServers());
            kafka.getConfiguration().setAdditionalProperties(new HashMap<>(events.kafka().properties()));
        });
    }
}
