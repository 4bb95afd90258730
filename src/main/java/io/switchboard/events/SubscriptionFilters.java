package io.switchboard.events;

import io.switchboard.messaging.BackgroundLoop;
import io.switchboard.messaging.BrokerManagement;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
 * filter is set with management messages once the subscription exists (tried every second until then), and checked
 * again every {@code switchboard.events.artemis.filter-check-every}, because Artemis does not keep a changed filter
 * across its own restart.
 */
@Component
@ConditionalOnProperty(name = "switchboard.events.bus", havingValue = "artemis", matchIfMissing = true)
public class SubscriptionFilters extends BackgroundLoop {

    /** What the filtered subscriptions take: everything but the vendor events as received. */
    public static final String DOMAIN_EVENTS = OutboxRelay.FORMAT_PROPERTY + " IS NULL OR "
            + OutboxRelay.FORMAT_PROPERTY + " <> '" + EventOutbox.AS_RECEIVED + "'";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionFilters.class);
    private static final long RETRY_MILLIS = 1_000;

    private final ConnectionFactory connections;
    private final List<String> subscriptions;
    private final long everyMillis;
    private final Set<String> reported = new HashSet<>();
    private final Semaphore wakeUp = new Semaphore(0);

    public SubscriptionFilters(ConnectionFactory connections, EventsProperties events) {
        super("subscription-filters", 1);
        this.connections = connections;
        this.subscriptions = events.artemis().domainEventsOnly();
        this.everyMillis = Math.max(RETRY_MILLIS, events.artemis().filterCheckEvery().toMillis());
    }

    @Override
    protected void work() {
        while (isRunning() && !subscriptions.isEmpty()) {
            long next = check() ? everyMillis : RETRY_MILLIS;
            try {
                wakeUp.tryAcquire(next, TimeUnit.MILLISECONDS);   // released on stop, even before this wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    protected void stopping() {
        wakeUp.release();
    }

    /** Sets the filter on every listed subscription that exists without it; whether all of them have it. */
    private boolean check() {
        boolean all = true;
        try (BrokerManagement management = BrokerManagement.open(connections)) {
            for (String subscription : subscriptions) {
                if (DOMAIN_EVENTS.equals(management.attribute(ResourceNames.QUEUE + subscription, "filter"))) {
                    continue;
                }
                boolean set = management.invoke(ResourceNames.BROKER, "updateQueue",
                        QueueConfiguration.of(subscription).setFilterString(DOMAIN_EVENTS).toJSON()) != null;
                all &= set;
                if (set && reported.add(subscription)) {
                    log.info("Subscription {} takes domain events only: vendor events as received are left out",
                            subscription);
                }
            }
        } catch (JMSException | RuntimeException e) {
            log.debug("Subscription filters not checked: {}", e.toString());
            return false;
        }
        return all;
    }
}
