package io.switchboard.events;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The idempotent repository behind the webhook workers' {@code idempotentConsumer}: keys ({@code source:eventId}) of
 * events already applied, in PostgreSQL so that it holds across instances and restarts.
 */
@Component("processedEvents")
public class ProcessedEvents extends ServiceSupport implements IdempotentRepository {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(String key) {
        String[] parts = split(key);
        return jdbc.update("INSERT INTO webhook_processed (source, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                parts[0], parts[1]) == 1;
    }

    @Override
    public boolean contains(String key) {
        String[] parts = split(key);
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM webhook_processed WHERE source = ? AND event_id = ?)",
                Boolean.class, parts[0], parts[1]));
    }

    @Override
    public boolean remove(String key) {
        String[] parts = split(key);
        return jdbc.update("DELETE FROM webhook_processed WHERE source = ? AND event_id = ?", parts[0], parts[1]) == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("processed events are kept for their retention period");
    }

    private static String[] split(String key) {
        int colon = key.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("expected source:eventId, got " + key);
        }
        return new String[] {key.substring(0, colon), key.substring(colon + 1)};
    }
}
