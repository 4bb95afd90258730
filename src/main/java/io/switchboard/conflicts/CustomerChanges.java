package io.switchboard.conflicts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Changes to a customer that a system of record reports (a CRM's change event: {@code customer.updated}), decided
 * field by field by the {@code customer} rules ({@code switchboard.conflicts.customer.*}: by default the CRMs own
 * email and phone, the shops own the address) against the hub's record of the customer's fields.
 */
@Component
public class CustomerChanges {

    public static final String TYPE = "customer";
    /** Field names as the canonical events give them: {@code email}, {@code phone}, {@code address}, ... */
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    private final FieldLedger ledger;

    public CustomerChanges(FieldLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * Applies what the rules let through of {@code changes} (field to new value, null for a cleared one) that
     * {@code source} made to customer {@code customerId} at {@code sourceTimestamp}, by its own clock.
     */
    public FieldLedger.Outcome apply(String source, String customerId, Map<String, String> changes,
                                     Instant sourceTimestamp) {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("source: a system's name such as hubspot");
        }
        if (customerId == null || customerId.isBlank() || customerId.length() > 200) {
            throw new IllegalArgumentException("customerId: 1 to 200 characters");
        }
        if (sourceTimestamp == null) {
            throw new IllegalArgumentException("sourceTimestamp: the source's time of the change");
        }
        changes.keySet().stream().filter(field -> field == null || !FIELD.matcher(field).matches()).findFirst()
                .ifPresent(field -> {
                    throw new IllegalArgumentException("field names are lower case words: " + field);
                });
        return ledger.apply(TYPE, customerId, source, changes, sourceTimestamp);
    }

    /** Applies each change a CRM's webhook reported (its customer.updated route), as {@link #apply} does. */
    public void applyAll(String source, List<CustomerChange> changes) {
        changes.forEach(change -> apply(source, change.customerId(), change.fields(), change.at()));
    }

    /** The customer's fields as the hub has them now, with where and when each value came from. */
    public Map<String, FieldValue> current(String customerId) {
        return ledger.record(TYPE, customerId);
    }
}
