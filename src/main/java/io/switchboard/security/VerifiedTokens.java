package io.switchboard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tokens already verified, with the caller each names, until the token expires or at most {@link #TTL}: a chat
 * backend sends the same token with every call of a conversation, and parsing and verifying it again was a tenth of
 * a warm read's CPU. Only accepted tokens are kept (a refused one is checked anew each time, so a flood of made-up
 * tokens cannot fill it), each keyed by its whole text. The bound on an entry's life is how long a key removed from
 * the JWKS goes on verifying the tokens it signed.
 */
final class VerifiedTokens {

    static final Duration TTL = Duration.ofMinutes(1);
    private static final int MAX_TOKENS = 10_000;

    private record Verified(Caller caller, Instant expires) {}

    private final Cache<String, Verified> tokens = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfter(Expiry.creating((String token, Verified verified) -> {
                Duration left = Duration.between(Instant.now(), verified.expires());
                return left.compareTo(TTL) < 0 ? left : TTL;
            }))
            .build();

    Optional<Caller> get(String token) {
        Verified verified = tokens.getIfPresent(token);
        return verified == null || !verified.expires().isAfter(Instant.now())
                ? Optional.empty()
                : Optional.of(verified.caller());
    }

    /** Keeps an accepted token until it expires (its {@code exp}, without the clock skew) or the TTL. */
    void put(String token, Caller caller, Instant expires) {
        if (expires.isAfter(Instant.now())) {
            tokens.put(token, new Verified(caller, expires));
        }
    }
}
