package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {

    private final JwtAuthenticator authenticator = new JwtAuthenticator(
            new HmacSecret(new JwtProperties(Tokens.SECRET, "switchboard", Duration.ofSeconds(30), false)),
            new JwtProperties(Tokens.SECRET, "switchboard", Duration.ofSeconds(30), false));

    @Test
    void acceptsAValidTokenAndReadsSubjectScopesAndAcr() {
        String token = Tokens.sign(Tokens.SECRET, Tokens.claims("c-1", "orders:read  kb:read").claim("acr", "verified").build());

        Caller caller = authenticator.authenticate(token).orElseThrow();

        assertThat(caller.subject()).isEqualTo("c-1");
        assertThat(caller.scopes()).containsExactlyInAnyOrder("orders:read", "kb:read");
        assertThat(caller.acr()).isEqualTo("verified");
    }

    @Test
    void refusesAWrongAudience() {
        assertRefused(Tokens.claims("c-1", "orders:read").audience("someone-else").build());
    }

    @Test
    void refusesAnExpiredToken() {
        assertRefused(Tokens.claims("c-1", "orders:read").expirationTime(Date.from(Instant.now().minusSeconds(120))).build());
    }

    @Test
    void refusesATokenWithoutExpiry() {
        assertRefused(Tokens.claims("c-1", "orders:read").expirationTime(null).build());
    }

    @Test
    void refusesATokenWithoutSubject() {
        assertRefused(Tokens.claims(null, "orders:read").build());
    }

    @Test
    void refusesATokenNotYetValid() {
        assertRefused(Tokens.claims("c-1", "orders:read").notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build());
    }

    @Test
    void refusesAnUnsignedToken() {
        String none = new PlainJWT(new PlainHeader(), Tokens.claims("c-1", "orders:read").build()).serialize();

        assertThat(authenticator.authenticate(none)).isEmpty();
    }

    @Test
    void refusesAnotherHmacAlgorithm() throws Exception {
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), Tokens.claims("c-1", "orders:read").build());
        hs512.sign(new MACSigner((Tokens.SECRET + Tokens.SECRET).getBytes(StandardCharsets.UTF_8)));

        assertThat(authenticator.authenticate(hs512.serialize())).isEmpty();
    }

    @Test
    void refusesATamperedPayload() {
        String token = Tokens.forCustomer("c-1", "orders:read");
        String[] parts = token.split("\\.");
        String otherPayload = Tokens.forCustomer("c-2", "orders:read").split("\\.")[1];

        assertThat(authenticator.authenticate(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
    }

    @Test
    void refusesGarbage() {
        assertThat(authenticator.authenticate("not-a-jwt")).isEmpty();
        assertThat(authenticator.authenticate("")).isEmpty();
    }

    private void assertRefused(JWTClaimsSet claims) {
        assertThat(authenticator.authenticate(Tokens.sign(Tokens.SECRET, claims))).isEmpty();
    }
}
