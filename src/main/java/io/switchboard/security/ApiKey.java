package io.switchboard.security;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as stored: never the key itself.
 *
 * @param customers the customers the key acts for on the chat API; any, with scope {@code customers:all}
 */
public record ApiKey(String id, String name, Set<String> scopes, Set<String> customers, Instant createdAt,
                     Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
        customers = Set.copyOf(customers);
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** Whether the key may act for this customer on the chat API. */
    public boolean actsFor(String customerId) {
        return scopes.contains(Scopes.CUSTOMERS_ALL) || customers.contains(customerId);
    }
}
