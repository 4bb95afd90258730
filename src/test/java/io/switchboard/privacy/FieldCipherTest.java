package io.switchboard.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** AES-256-GCM field sealing: what it opens, and everything it refuses. */
class FieldCipherTest {

    private static final String KEY = key(1);
    private static final String OTHER_KEY = key(2);
    private static final String CONTEXT = "conversation_events/evt_1/text";

    private final FieldCipher cipher = cipher(KEY);

    @Test
    void opensWhatItSealedAndTheSealedValueHidesThePlaintext() {
        String text = "My card ends in 4242 — où est ma commande?";

        byte[] sealed = cipher.seal(text, CONTEXT);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("4242", "commande");
        assertThat(sealed).hasSize(12 + text.getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat(cipher.open(cipher.keyId(), sealed, CONTEXT)).isEqualTo(text);
        assertThat(cipher.seal(null, CONTEXT)).isNull();
        assertThat(cipher.open(cipher.keyId(), null, CONTEXT)).isNull();
    }

    @Test
    void theNonceDiffersForEveryValueSoEqualTextsLookUnrelated() {
        byte[] first = cipher.seal("same words", CONTEXT);
        byte[] second = cipher.seal("same words", CONTEXT);

        assertThat(java.util.Arrays.copyOf(first, 12)).isNotEqualTo(java.util.Arrays.copyOf(second, 12));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void refusesATamperedValue() {
        byte[] sealed = cipher.seal("refund me", CONTEXT);
        for (int i : new int[] {0, 12, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.open(cipher.keyId(), tampered, CONTEXT))
                    .as("bit flipped at %d", i).isInstanceOf(FieldCipher.Unreadable.class);
        }
        assertThatThrownBy(() -> cipher.open(cipher.keyId(), java.util.Arrays.copyOf(sealed, 20), CONTEXT))
                .isInstanceOf(FieldCipher.Unreadable.class);
    }

    @Test
    void refusesAValueMovedToAnotherRowOrColumn() {
        byte[] sealed = cipher.seal("customer", "conversation_events/evt_1/role");

        assertThatThrownBy(() -> cipher.open(cipher.keyId(), sealed, "conversation_events/evt_2/role"))
                .isInstanceOf(FieldCipher.Unreadable.class);
        assertThatThrownBy(() -> cipher.open(cipher.keyId(), sealed, "conversation_events/evt_1/text"))
                .isInstanceOf(FieldCipher.Unreadable.class);
    }

    @Test
    void refusesTheWrongKey() {
        byte[] sealed = cipher.seal("hello", CONTEXT);
        // the row's key id, but another key behind it: the tag does not verify
        FieldCipher wrong = new FieldCipher(cipher.keyId(),
                Map.of(cipher.keyId(), new SecretKeySpec(Base64.getDecoder().decode(OTHER_KEY), "AES")));
        FieldCipher unaware = cipher(OTHER_KEY);

        assertThatThrownBy(() -> wrong.open(cipher.keyId(), sealed, CONTEXT)).isInstanceOf(FieldCipher.Unreadable.class);
        assertThatThrownBy(() -> unaware.open(cipher.keyId(), sealed, CONTEXT))
                .isInstanceOf(FieldCipher.Unreadable.class).hasMessageContaining("not configured");
    }

    @Test
    void afterARotationTheNewKeySealsAndThePreviousStillOpens() {
        byte[] old = cipher.seal("before the rotation", CONTEXT);
        FieldCipher rotated = new FieldCipher(new PrivacyProperties(OTHER_KEY, List.of(KEY)));

        byte[] fresh = rotated.seal("after the rotation", CONTEXT);

        assertThat(rotated.keyId()).isNotEqualTo(cipher.keyId()).hasSize(16);
        assertThat(rotated.open(cipher.keyId(), old, CONTEXT)).isEqualTo("before the rotation");
        assertThat(rotated.open(rotated.keyId(), fresh, CONTEXT)).isEqualTo("after the rotation");
        assertThatThrownBy(() -> cipher.open(rotated.keyId(), fresh, CONTEXT)).isInstanceOf(FieldCipher.Unreadable.class);
    }

    @Test
    void refusesToStartWithoutAProperKeyAndNeverSaysTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        for (String bad : new String[] {null, "", "not base64!", shortKey}) {
            assertThatThrownBy(() -> cipher(bad))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("switchboard.privacy.encryption-key")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortKey));
        }
    }

    private static FieldCipher cipher(String key) {
        return new FieldCipher(new PrivacyProperties(key, List.of()));
    }

    private static String key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
