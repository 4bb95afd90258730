package io.switchboard.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Seals fields stored at rest with AES-256-GCM: a random 96-bit nonce per value (stored in front of the ciphertext),
 * a 128-bit tag, and associated data naming where the value belongs ({@code conversation_events/<id>/text}), so a
 * value tampered with, opened with another key or copied to another row or column is refused. Each row stores the
 * id of the key that sealed it: {@code switchboard.privacy.encryption-key} seals, and keys rotated out
 * ({@code previous-encryption-keys}) still open what they sealed. A key's id is a fingerprint of it (a truncated
 * SHA-256, which tells nothing of the key), so keys need no names of their own.
 */
@Component
public class FieldCipher {

    /** A value that cannot be opened: tampered with, sealed elsewhere, or by a key the hub no longer has. */
    public static class Unreadable extends RuntimeException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final String SETTING = "switchboard.privacy.encryption-key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    public FieldCipher(PrivacyProperties privacy) {
        Map<String, SecretKey> all = new LinkedHashMap<>();
        SecretKey current = decode(privacy.encryptionKey(), SETTING);
        all.put(idOf(current), current);
        List<String> previousKeys = privacy.previousEncryptionKeys();
        for (int i = 0; i < previousKeys.size(); i++) {
            SecretKey previous = decode(previousKeys.get(i), "switchboard.privacy.previous-encryption-keys[" + i + "]");
            all.putIfAbsent(idOf(previous), previous);
        }
        this.currentId = idOf(current);
        this.keys = Map.copyOf(all);
    }

    /** For tests: keys under the ids rows name them by. */
    FieldCipher(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
    }

    /** The ids of the keys rotated out, which still open what they sealed (KeyRotation moves it to the current key). */
    public java.util.Set<String> retiredKeyIds() {
        java.util.Set<String> retired = new java.util.HashSet<>(keys.keySet());
        retired.remove(currentId);
        return retired;
    }

    /** The id of the key {@link #seal} uses, to store beside what it seals. */
    public String keyId() {
        return currentId;
    }

    /** The nonce and the ciphertext of {@code plaintext}, bound to {@code context}; null for null. */
    public byte[] seal(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext of a value {@link #seal} made with the key {@code keyId} for {@code context}; null for null. */
    public String open(String keyId, byte[] sealed, String context) {
        if (sealed == null) {
            return null;
        }
        SecretKey key = keyId == null ? null : keys.get(keyId);
        if (key == null) {
            throw new Unreadable("sealed with key " + keyId + ", which is not configured", null);
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new Unreadable("too short to be a sealed value", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new Unreadable("tampered with, or sealed with another key or for another place", e);
        } catch (GeneralSecurityException e) {
            throw new Unreadable("cannot be opened", e);
        }
    }

    private static SecretKey decode(String base64, String setting) {
        byte[] raw;
        try {
            raw = base64 == null ? new byte[0] : Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            // never the value itself: it is a secret
            throw new IllegalStateException(
                    setting + " must be the base64 of 32 random bytes (openssl rand -base64 32)");
        }
        return new SecretKeySpec(raw, "AES");
    }

    static String idOf(SecretKey key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("switchboard field key\0".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(key.getEncoded()), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
