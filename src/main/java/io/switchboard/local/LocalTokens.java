package io.switchboard.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.security.HmacSecret;
import io.switchboard.security.JwtProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Mints chat backend tokens for trying the local run; signed with the same HS256 key the hub checks. */
@Component
@Profile("local")
public class LocalTokens {

    private final MACSigner signer;
    private final String audience;

    public LocalTokens(HmacSecret secret, JwtProperties properties) throws JOSEException {
        this.signer = new MACSigner(secret.bytes());
        this.audience = properties.audience();
    }

    public String mint(String subject, String scope, String acr, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("scope", scope)
                .claim("acr", acr)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a local token", e);
        }
        return jwt.serialize();
    }
}
