package io.switchboard.model;

/**
 * What {@code direct:crm.customer.find} is asked for: a customer by email or by phone (one of them is set; email
 * wins when both are). The adapter answers the matching {@link Customer}, or {@code not_found}.
 */
public record CustomerLookup(String email, String phone) {

    public static CustomerLookup byEmail(String email) {
        return new CustomerLookup(email, null);
    }

    public static CustomerLookup byPhone(String phone) {
        return new CustomerLookup(null, phone);
    }
}
