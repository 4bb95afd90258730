package io.switchboard.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether a stored payload (a dead letter's body) is about a customer: a JSON body with a value equal to the
 * customer's id (compared whole, so that a short id does not match inside another), or a body that is the key of one
 * of their records (a job's body is the id of a conversation event).
 */
public final class CustomerMentions implements Predicate<byte[]> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_:.-]{1,100}");

    private final String customerId;
    private final Predicate<String> ownedKey;

    CustomerMentions(String customerId, Predicate<String> ownedKey) {
        this.customerId = customerId;
        this.ownedKey = ownedKey;
    }

    /** Mentions of the customer, or of one of their conversation events, as the database has them now. */
    static CustomerMentions of(String customerId, JdbcTemplate jdbc) {
        return new CustomerMentions(customerId, key -> Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM conversation_events WHERE id = ? AND customer_id = ?)", Boolean.class,
                key, customerId)));
    }

    @Override
    public boolean test(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return false;
        }
        String whole = new String(payload, StandardCharsets.UTF_8).trim();
        if (whole.equals(customerId)) {
            return true;
        }
        if (KEY.matcher(whole).matches()) {
            return ownedKey.test(whole);
        }
        try {
            return mentions(JSON.readTree(payload));
        } catch (IOException notJson) {
            return false;
        }
    }

    private boolean mentions(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isValueNode()) {
            return customerId.equals(node.asText());
        }
        for (JsonNode child : node) {
            if (mentions(child)) {
                return true;
            }
        }
        return false;
    }
}
