package io.switchboard.notifications;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.notifications.*}: notification emails (application.yaml documents each key).
 *
 * @param enabled       whether events are turned into emails at all; off, no SMTP server is needed
 * @param events        the event types that notify, each with its template {@code <templates><type>.txt}
 * @param templates     where the templates are (a Spring resource location ending in '/')
 * @param retrySchedule delays between a failing job's attempts (each ±20 %); after the last, its dead-letter queue
 * @param consumers     job workers per instance
 * @param claimFor      how long a worker holds a notification while it sends it: a second copy of the job waits that
 *                      long (longer than the CRM lookup and the SMTP exchange)
 * @param mail          the SMTP server and the sender
 */
@ConfigurationProperties("switchboard.notifications")
public record NotificationProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue({"ticket.created", "order.shipped"}) List<String> events,
        @DefaultValue("classpath:notifications/") String templates,
        @DefaultValue({"10s", "1m", "5m", "30m", "2h", "6h"}) List<Duration> retrySchedule,
        @DefaultValue("1") int consumers,
        @DefaultValue("2m") Duration claimFor,
        @DefaultValue Mail mail) {

    public NotificationProperties {
        events = List.copyOf(events);
        retrySchedule = List.copyOf(retrySchedule);
    }

    /**
     * @param host     the SMTP server
     * @param port     its port: 587 for STARTTLS, 465 for SMTPS, 25 for neither
     * @param username login, when the server asks for one (blank: none)
     * @param password the login's password, from the environment
     * @param from     the sender address, e.g. {@code Support <support@example.com>}
     * @param tls      {@code starttls} (required: no login in clear text), {@code smtps} (TLS from the first byte) or
     *                 {@code none} (a relay on the same host or network only)
     * @param timeout  bounds connecting to the server and each of its answers
     */
    public record Mail(String host,
                       @DefaultValue("587") int port,
                       String username,
                       String password,
                       String from,
                       @DefaultValue("starttls") Tls tls,
                       @DefaultValue("10s") Duration timeout) {
    }

    public enum Tls { STARTTLS, SMTPS, NONE }
}
