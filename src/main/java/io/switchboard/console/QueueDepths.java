package io.switchboard.console;

import jakarta.jms.Message;
import java.util.Enumeration;
import org.springframework.jms.InvalidDestinationException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * How many messages wait on a queue, browsed without consuming and counted up to a cap, so that a console refresh
 * stays cheap however deep a queue gets.
 */
@Component("consoleQueueDepths")
public class QueueDepths {

    /** Counted up to this; the console shows more as "1000+". */
    public static final int CAP = 1000;

    private final JmsTemplate jms;

    public QueueDepths(JmsTemplate jms) {
        this.jms = jms;
    }

    /** The depth, at most {@link #CAP}. */
    public int depth(String queue) {
        try {
            return browse(queue);
        } catch (InvalidDestinationException e) {
            return 0;   // never sent to, or removed by the broker once emptied
        }
    }

    private int browse(String queue) {
        Integer depth = jms.browse(queue, (session, browser) -> {
            Enumeration<?> messages = browser.getEnumeration();
            int count = 0;
            while (count < CAP && messages.hasMoreElements() && messages.nextElement() instanceof Message) {
                count++;
            }
            return count;
        });
        return depth == null ? 0 : depth;
    }
}
