package io.switchboard.security;

import java.time.Instant;
import java.util.Set;

/** An API key as stored: never the key itself. */
public record ApiKey(String id, String name, Set<String> scopes, Instant createdAt, Instant expiresAt,
                     Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
