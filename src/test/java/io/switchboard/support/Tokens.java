package io.switchboard.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Chat backend tokens for tests, signed with the test profile's secret unless a test says otherwise. */
public final class Tokens {

    public static final String SECRET = "test-only-hs256-secret-0123456789abcdef";
    /** The sandbox customer who placed orders 1001 and 1002 (1003 is another customer's). */
    public static final String CUSTOMER = "207119551";

    private Tokens() {
    }

    public static String forCustomer(String subject, String scope) {
        return sign(SECRET, claims(subject, scope).build());
    }

    /** A token of a customer who proved who they are ({@code acr=verified}), as sensitive actions need. */
    public static String verified(String subject, String scope) {
        return sign(SECRET, claims(subject, scope).claim("acr", "verified").build());
    }

    public static JWTClaimsSet.Builder claims(String subject, String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .audience("switchboard")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("scope", scope);
    }

    public static String sign(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
