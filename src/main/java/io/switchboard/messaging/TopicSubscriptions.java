package io.switchboard.messaging;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsEndpoint;
import org.springframework.stereotype.Component;

/**
 * The durable subscriptions this instance's routes hold on broker topics, by name: on Artemis, the domain events'
 * consumers ({@code switchboard-reactions}, {@code switchboard-notifications}, {@code switchboard-subscribers} and any
 * route added under {@code routes/}). A shared durable subscription is a broker queue of that name bound to the
 * topic, which keeps each event until the subscription took it. None on Kafka, whose consumer groups are no queues.
 */
@Component
public class TopicSubscriptions {

    private final CamelContext camel;

    public TopicSubscriptions(CamelContext camel) {
        this.camel = camel;
    }

    /** The subscriptions of the routes created so far, sorted. */
    public List<String> names() {
        return camel.getEndpoints().stream()
                .filter(JmsEndpoint.class::isInstance).map(JmsEndpoint.class::cast)
                .filter(endpoint -> endpoint.isPubSubDomain() && endpoint.getConfiguration().isSubscriptionDurable())
                .map(endpoint -> endpoint.getConfiguration().getSubscriptionName())
                .filter(name -> name != null && !name.isBlank())
                .distinct().sorted().toList();
    }
}
