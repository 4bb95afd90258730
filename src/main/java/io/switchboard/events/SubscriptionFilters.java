package io.switchboard.events;

import io.switchboard.messaging.BrokerManagement;
import jakarta.annotation.PreDestroy;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the vendor events as received out of the Artemis subscriptions that take only domain events
 * ({@code switchboard.events.artemis.domain-events-only}): a filter on each subscription's queue, so that the broker
 * never queues them there and the consumers never take, skip and acknowledge them. The filter leaves out only what
 * is marked a vendor event ({@code eventFormat = 'vendor'}); unmarked messages, published before the hub marked
 * them, still pass.
 * <p>
 * The consumers themselves have no selector: a subscription without the filter (a broker that refuses management,
 * one that just restarted) still works as it always did, its consumers passing over what is no domain event. The
 * filter is set with management messages once the subscription exists, and checked again every
 * {@code switchboard.events.artemis.filter-check-every}, because Artemis does not keep a changed filter across its
 * own restart.
 */
@Component
@ConditionalOnProperty(name = "switchboard.events.bus", havingValue = "artemis", matchIfMissing = true)
public class SubscriptionFilters {

    /** What the filtered subscriptions take: everything but the vendor events as received. */
    public static final String DOMAIN_EVENTS = OutboxRelay.FORMAT_PROPERTY + " IS NULL OR "
            + OutboxRelay.FORMAT_PROPERTY + " <> '" + EventOutbox.AS_RECEIVED + "'";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionFilters.class);

    private final ConnectionFactory connections;
    private final List<String> subscriptions;
    private final long everySeconds;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService checks;

    public SubscriptionFilters(ConnectionFactory connections,
                               @Value("${switchboard.events.artemis.domain-events-only:}") List<String> subscriptions,
                               @Value("${switchboard.events.artemis.filter-check-every:60s}")
                               Duration every) {
        this.connections = connections;
        this.subscriptions = subscriptions.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.everySeconds = Math.max(1, every.toSeconds());
    }

    /** The consumers have created their subscriptions by the time the hub is ready. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void firstCheck() {
        if (checks == null && !subscriptions.isEmpty()) {
            checks = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "subscription-filters");
                thread.setDaemon(true);
                return thread;
            });
            checks.scheduleWithFixedDelay(this::check, 0, everySeconds, TimeUnit.SECONDS);
        }
    }

    /** Sets the filter on every listed subscription that exists without it. */
    void check() {
        try (BrokerManagement management = BrokerManagement.open(connections)) {
            for (String subscription : subscriptions) {
                if (!DOMAIN_EVENTS.equals(management.attribute(ResourceNames.QUEUE + subscription, "filter"))
                        && management.invoke(ResourceNames.BROKER, "updateQueue", QueueConfiguration.of(subscription)
                                .setFilterString(DOMAIN_EVENTS).toJSON()) != null
                        && reported.add(subscription)) {
                    log.info("Subscription {} takes domain events only: vendor events as received are left out",
                            subscription);
                }
            }
        } catch (JMSException | RuntimeException e) {
            log.debug("Subscription filters not checked: {}", e.toString());
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (checks != null) {
            checks.shutdownNow();
            checks = null;
        }
    }
}
