package io.switchboard.ingress.verification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and the constant-time comparisons every verifier uses. */
public final class Hmac {

    private Hmac() {
    }

    public static byte[] sha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Whether any of the secrets (used as UTF-8 key bytes, as most vendors do) signed the parts into any of the
     * presented MACs. Every pair is compared in constant time.
     */
    public static boolean signedByAny(List<String> secrets, List<byte[]> presented, byte[]... parts) {
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = sha256(secret.getBytes(StandardCharsets.UTF_8), parts);
            for (byte[] signature : presented) {
                matched |= equal(expected, signature);
            }
        }
        return matched;
    }

    /** Constant-time comparison of a computed MAC with a presented one (either may be null: not equal). */
    public static boolean equal(byte[] expected, byte[] presented) {
        return expected != null && presented != null && MessageDigest.isEqual(expected, presented);
    }

    /** Hex to bytes; null when it is not valid hex (a malformed signature never verifies). */
    public static byte[] fromHex(String hex) {
        try {
            return hex == null ? null : HexFormat.of().parseHex(hex.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Base64 to bytes; null when it is not valid base64. */
    public static byte[] fromBase64(String base64) {
        try {
            return base64 == null ? null : java.util.Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
