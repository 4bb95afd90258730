package io.switchboard.crm;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.NotFound;
import io.switchboard.security.Access;
import io.switchboard.security.Caller;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The customer endpoints' checks: a well-formed id, and only the caller's own. */
@Component("customerApi")
public class CustomerApi {

    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * The customer id, if it is the caller's own. Another customer's id is "not found", like a missing one, and the
     * CRM is not even asked.
     */
    public String ownCustomerId(String raw, Exchange exchange) {
        wellFormed(raw);
        Caller caller = exchange.getProperty(Access.CALLER, Caller.class);
        if (caller == null || !caller.owns(raw)) {
            throw new NotFound("Customer " + raw);
        }
        return raw;
    }

    /** The customer id, if it has the shape of one (the CRM's id, the {@code sub} of the customer's tokens). */
    public static String wellFormed(String raw) {
        if (raw == null || !CUSTOMER_ID.matcher(raw).matches()) {
            throw new InvalidRequest("customerId", "must be 1 to 64 letters, digits, '_' or '-'");
        }
        return raw;
    }
}
