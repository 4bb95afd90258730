package io.switchboard.ingress;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and the constant-time comparisons every verifier uses. */
final class Hmac {

    private Hmac() {
    }

    static byte[] sha256(byte[] key, byte[]... parts) {
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

    /** Constant-time comparison of a computed MAC with a presented one (either may be null: not equal). */
    static boolean equal(byte[] expected, byte[] presented) {
        return expected != null && presented != null && MessageDigest.isEqual(expected, presented);
    }

    /** Hex to bytes; null when it is not valid hex (a malformed signature never verifies). */
    static byte[] fromHex(String hex) {
        try {
            return hex == null ? null : HexFormat.of().parseHex(hex.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Base64 to bytes; null when it is not valid base64. */
    static byte[] fromBase64(String base64) {
        try {
            return base64 == null ? null : java.util.Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
