package io.switchboard.messaging;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** What every retry of a queued message shares: when its copy is due, jittered, and how Artemis is told. */
public final class Redelivery {

    /** Artemis's scheduled delivery time (epoch millis) message property. */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    private Redelivery() {
    }

    /** The delay ±20 %, so that an outage does not come back as one burst. */
    public static Duration jittered(Duration delay) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (delay.toMillis() * factor)));
    }
}
