package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Verified tokens are kept until they expire, and only they. */
class VerifiedTokensTest {

    private final VerifiedTokens tokens = new VerifiedTokens();
    private final Caller caller = new Caller("c-1", Set.of("orders:read"), null);

    @Test
    void answersAKeptTokenWithItsCaller() {
        tokens.put("token-a", caller, Instant.now().plusSeconds(600));

        assertThat(tokens.get("token-a")).contains(caller);
        assertThat(tokens.get("token-b")).isEmpty();
    }

    @Test
    void forgetsATokenOnceItExpires() throws InterruptedException {
        tokens.put("token-a", caller, Instant.now().plusMillis(300));
        assertThat(tokens.get("token-a")).contains(caller);

        Thread.sleep(400);

        assertThat(tokens.get("token-a")).isEmpty();
    }

    @Test
    void keepsNoTokenAlreadyExpired() {
        tokens.put("token-a", caller, Instant.now().minusSeconds(1));

        assertThat(tokens.get("token-a")).isEmpty();
    }
}
