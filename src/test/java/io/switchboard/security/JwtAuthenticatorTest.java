package io.switchboard.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.support.Tokens;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Every rule of the token check, for HS256, RS256 and ES256 keys, by PEM and by JWKS. */
class JwtAuthenticatorTest {

    private final JwtAuthenticator hs256 = authenticator(Tokens.SECRET, null, null, Duration.ofMinutes(1));

    @Test
    void acceptsAValidTokenAndReadsSubjectScopesAndAcr() {
        String token = Tokens.sign(Tokens.SECRET, Tokens.claims("c-1", "orders:read  kb:read").claim("acr", "verified").build());

        Caller caller = hs256.authenticate(token).orElseThrow();

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

        assertThat(hs256.authenticate(none)).isEmpty();
    }

    @Test
    void refusesAnotherHmacAlgorithm() throws Exception {
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), Tokens.claims("c-1", "orders:read").build());
        hs512.sign(new MACSigner((Tokens.SECRET + Tokens.SECRET).getBytes(StandardCharsets.UTF_8)));

        assertThat(hs256.authenticate(hs512.serialize())).isEmpty();
    }

    @Test
    void refusesATamperedPayload() {
        String token = Tokens.forCustomer("c-1", "orders:read");
        String[] parts = token.split("\\.");
        String otherPayload = Tokens.forCustomer("c-2", "orders:read").split("\\.")[1];

        assertThat(hs256.authenticate(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
    }

    @Test
    void refusesGarbage() {
        assertThat(hs256.authenticate("not-a-jwt")).isEmpty();
        assertThat(hs256.authenticate("")).isEmpty();
    }

    @Test
    void acceptsRs256AndEs256ByPemPublicKey() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();

        JwtAuthenticator byRsa = authenticator(null, pem(rsa.toPublicKey()), null, Duration.ofMinutes(1));
        JwtAuthenticator byEc = authenticator(null, pem(ec.toPublicKey()), null, Duration.ofMinutes(1));

        assertThat(byRsa.authenticate(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, null))).isPresent();
        assertThat(byEc.authenticate(sign(new ECDSASigner(ec), JWSAlgorithm.ES256, null))).isPresent();
        assertThat(byRsa.authenticate(sign(new ECDSASigner(ec), JWSAlgorithm.ES256, null))).isEmpty();
        assertThat(byRsa.authenticate(sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()), JWSAlgorithm.RS256, null)))
                .isEmpty();
    }

    @Test
    void refusesHs256SignedWithThePublicKeyAlgorithmConfusion() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        String publicPem = pem(rsa.toPublicKey());
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), Tokens.claims("c-1", "admin").build());
        forged.sign(new MACSigner(publicPem.getBytes(StandardCharsets.UTF_8)));

        assertThat(authenticator(null, publicPem, null, Duration.ofMinutes(1)).authenticate(forged.serialize())).isEmpty();
        assertThat(authenticator(Tokens.SECRET, publicPem, null, Duration.ofMinutes(1)).authenticate(forged.serialize()))
                .isEmpty();
    }

    @Test
    void fetchesTheJwksAndRefetchesOnAnUnknownKeyIdAtMostOncePerInterval() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey second = new RSAKeyGenerator(2048).keyID("k2").generate();
        String unknown3 = sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID("k3").generate()), JWSAlgorithm.RS256, "k3");
        String unknown4 = sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID("k4").generate()), JWSAlgorithm.RS256, "k4");
        WireMockServer issuer = new WireMockServer(options().dynamicPort());
        issuer.start();
        try {
            issuer.stubFor(get("/jwks.json").willReturn(okJson(new JWKSet(first.toPublicJWK()).toString())));
            JwtAuthenticator byJwks = authenticator(null, null,
                    new URL("http://127.0.0.1:" + issuer.port() + "/jwks.json"), Duration.ofSeconds(2));

            assertThat(byJwks.authenticate(sign(new RSASSASigner(first), JWSAlgorithm.RS256, "k1"))).isPresent();
            assertThat(byJwks.authenticate(sign(new RSASSASigner(first), JWSAlgorithm.RS256, "k1"))).isPresent();
            issuer.verify(1, getRequestedFor(urlEqualTo("/jwks.json")));

            // the issuer rotates: a token with the new key id is refused until the refetch interval has passed
            issuer.stubFor(get("/jwks.json").willReturn(okJson(
                    new JWKSet(java.util.List.of(first.toPublicJWK(), second.toPublicJWK())).toString())));
            String rotated = sign(new RSASSASigner(second), JWSAlgorithm.RS256, "k2");
            Thread.sleep(2_100);

            assertThat(byJwks.authenticate(rotated)).isPresent();
            // unknown key ids right after that refetch do not make the hub hammer the issuer
            assertThat(byJwks.authenticate(unknown3)).isEmpty();
            assertThat(byJwks.authenticate(unknown4)).isEmpty();
            issuer.verify(2, getRequestedFor(urlEqualTo("/jwks.json")));
        } finally {
            issuer.stop();
        }
    }

    @Test
    void refusesToStartWithoutAnyKey() {
        assertThatThrownBy(() -> authenticator(null, null, null, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("switchboard.security.jwt.secret");
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(),
                Tokens.claims("c-1", "orders:read").build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static JwtAuthenticator authenticator(String secret, String publicKey, URL jwksUrl, Duration refetch) {
        JwtProperties properties = new JwtProperties(secret, publicKey, jwksUrl, refetch, "switchboard",
                Duration.ofSeconds(30), false);
        return new JwtAuthenticator(new HmacSecret(properties), properties);
    }

    private void assertRefused(JWTClaimsSet claims) {
        assertThat(hs256.authenticate(Tokens.sign(Tokens.SECRET, claims))).isEmpty();
    }
}
