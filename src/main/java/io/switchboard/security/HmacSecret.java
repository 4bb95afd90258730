package io.switchboard.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The HS256 key shared with the chat backend, if the hub trusts one. Never logged, never exposed. */
@Component
public class HmacSecret {

    private static final Logger log = LoggerFactory.getLogger(HmacSecret.class);
    static final int MIN_BYTES = 32; // HS256 needs a key of at least 256 bits

    private final byte[] key;   // null when the hub trusts public keys only

    public HmacSecret(JwtProperties properties) {
        if (properties.secret() != null && !properties.secret().isBlank()) {
            key = properties.secret().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_BYTES) {
                throw new IllegalStateException(
                        "switchboard.security.jwt.secret must be at least " + MIN_BYTES + " bytes long");
            }
        } else if (properties.ephemeralSecret()) {
            key = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(key);
            log.info("No switchboard.security.jwt.secret set: tokens are signed with a random key for this run only");
        } else {
            key = null;
        }
    }

    public boolean present() {
        return key != null;
    }

    public byte[] bytes() {
        if (key == null) {
            throw new IllegalStateException("no HS256 secret is configured");
        }
        return key.clone();
    }
}
