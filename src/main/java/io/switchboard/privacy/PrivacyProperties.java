package io.switchboard.privacy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.privacy.*}: how the hub keeps what it stores about customers private.
 *
 * @param encryptionKey          the AES-256 key that seals conversation fields at rest: base64 of 32 random bytes
 *                               (from the environment, never the repository)
 * @param previousEncryptionKeys keys rotated out: they no longer seal, but still open what they sealed
 */
@ConfigurationProperties("switchboard.privacy")
public record PrivacyProperties(String encryptionKey, @DefaultValue List<String> previousEncryptionKeys) {
}
