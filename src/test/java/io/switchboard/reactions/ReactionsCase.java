package io.switchboard.reactions;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the fan-out's end-to-end tests share: the hub's database, broker and port, the ids the hub gives the domain
 * events a vendor's delivery announces, and a domain event published again as the relay does after a crash.
 */
abstract class ReactionsCase {

    static final String CUSTOMER = "207119551";

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory connectionFactory;

    /**
     * Publishes the domain event again on switchboard.events, as the relay does after a crash, then an event of no
     * reaction's interest behind it: once that one is taken, the copy before it has been taken too.
     */
    void redeliverAndWait(String eventId) throws Exception {
        String stored = jdbc.queryForObject("SELECT event FROM reaction_jobs WHERE event_id = ? LIMIT 1", String.class,
                eventId);
        String marker = "evt_marker_" + UUID.randomUUID();
        String markerEvent = "{\"specversion\":\"1.0\",\"id\":\"" + marker + "\",\"source\":\"/tests\",\"type\":"
                + "\"customer.updated\",\"subject\":\"marker\",\"time\":\"2026-11-24T09:00:00Z\","
                + "\"customerid\":\"marker\",\"data\":{}}";
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createTopic("switchboard.events"));
            producer.send(session.createTextMessage(stored));
            producer.send(session.createTextMessage(markerEvent));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> done(marker));
    }

    boolean done(String eventId) {
        Integer pending = jdbc.queryForObject("SELECT count(*) FILTER (WHERE done_at IS NULL) + (count(*) = 0)::int"
                + " FROM reaction_jobs WHERE event_id = ?", Integer.class, eventId);
        return pending != null && pending == 0;
    }

    /** The id the hub gives the domain event a vendor's delivery announces (docs/events.md). */
    static String eventId(String type, String source, String deliveryId) {
        return eventId(type, source, deliveryId, null);
    }

    static String eventId(String type, String source, String deliveryId, String part) {
        String key = type + "\n" + source + "\n" + deliveryId + (part == null ? "" : "\n" + part);
        return "evt_" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The id the door gives a delivery whose vendor sends none. */
    static String digest(String body) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
    }
}
