package io.switchboard.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.switchboard.input.Inputs;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Validates chat backend JWTs with Nimbus JOSE+JWT. Each algorithm is bound to its own kind of key: HS256 to the
 * shared secret, RS256 and ES256 to the PEM public key or the JWKS URL. So {@code alg=none}, algorithms not
 * configured, and an HS256 token "signed" with a public key are all refused. {@code aud} must match, {@code exp}
 * and {@code sub} are required, {@code nbf} is honoured, with a small clock skew; the claims kept must be
 * {@link Inputs} identifiers.
 */
@Component
public class JwtAuthenticator {

    private static final long JWKS_TTL = Duration.ofMinutes(5).toMillis();
    // a JWKS refetch (a token naming a new key id) happens while a chat call waits: within its answer budget
    private static final long JWKS_REFRESH_TIMEOUT = Duration.ofMillis(1_500).toMillis();
    private static final int JWKS_CONNECT_TIMEOUT_MILLIS = 500;
    private static final int JWKS_TIMEOUT_MILLIS = 1_000;
    private static final int JWKS_SIZE_LIMIT = 100 * 1024;

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final VerifiedTokens verified = new VerifiedTokens();

    public JwtAuthenticator(HmacSecret secret, JwtProperties properties) {
        Map<JWSAlgorithm, JWSKeySelector<SecurityContext>> selectors = new HashMap<>();
        if (secret.present()) {
            selectors.put(JWSAlgorithm.HS256,
                    new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret.bytes())));
        }
        if (properties.publicKey() != null && !properties.publicKey().isBlank()) {
            // one configured key, whatever key id a token names
            PemKey pem = PemKey.parse(properties.publicKey());
            selectors.put(pem.algorithm(), (header, context) -> List.of(pem.key()));
        }
        if (properties.jwksUrl() != null) {
            JWKSetSource<SecurityContext> download = new URLBasedJWKSetSource<>(properties.jwksUrl(),
                    new DefaultResourceRetriever(JWKS_CONNECT_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT));
            JWKSource<SecurityContext> jwks = JWKSourceBuilder.create(
                            new JwksFetchLimit(download, properties.jwksRefetch().toMillis()))
                    .cache(JWKS_TTL, JWKS_REFRESH_TIMEOUT)
                    .rateLimited(false)
                    .build();
            for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)) {
                selectors.merge(algorithm, new JWSVerificationKeySelector<>(algorithm, jwks), JwtAuthenticator::either);
            }
        }
        if (selectors.isEmpty()) {
            throw new IllegalStateException("No key to check tokens with: set switchboard.security.jwt.secret, "
                    + ".public-key or .jwks-url");
        }
        processor.setJWSKeySelector((header, context) -> {
            JWSKeySelector<SecurityContext> selector = selectors.get(header.getAlgorithm());
            return selector == null ? List.of() : selector.selectJWSKeys(header, context);
        });
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                properties.audience(), null, Set.of("sub", "exp"));
        claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The caller the token names, or empty when the token is not one we accept. */
    public Optional<Caller> authenticate(String token) {
        Optional<Caller> known = verified.get(token);
        if (known.isPresent()) {
            return known;
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Caller caller = new Caller(claims.getSubject(), scopes(claims), claims.getStringClaim("acr"));
            if (!readable(caller)) {
                return Optional.empty();
            }
            verified.put(token, caller, claims.getExpirationTime().toInstant());
            return Optional.of(caller);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }

    /**
     * The claims the hub stores and compares (the subject in the audit log and beside conversations and tickets,
     * scopes, acr) are {@link Inputs#isIdentifier identifiers}: a validly signed token naming a subject with a NUL
     * is as unacceptable as a badly signed one.
     */
    private static boolean readable(Caller caller) {
        return Inputs.isIdentifier(caller.subject())
                && (caller.acr() == null || Inputs.isIdentifier(caller.acr()))
                && caller.scopes().stream().allMatch(Inputs::isIdentifier);
    }

    private static JWSKeySelector<SecurityContext> either(JWSKeySelector<SecurityContext> first,
                                                           JWSKeySelector<SecurityContext> second) {
        return (header, context) -> {
            List<Key> keys = new ArrayList<>(first.selectJWSKeys(header, context));
            keys.addAll(second.selectJWSKeys(header, context));
            return keys;
        };
    }

    /** A PEM public key ({@code BEGIN PUBLIC KEY}) and the one algorithm it verifies: RS256 for RSA, ES256 for EC P-256. */
    private record PemKey(JWSAlgorithm algorithm, Key key) {

        static PemKey parse(String pem) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("switchboard.security.jwt.public-key is not a PEM public key", e);
            }
            X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
            try {
                return new PemKey(JWSAlgorithm.RS256, KeyFactory.getInstance("RSA").generatePublic(spec));
            } catch (GeneralSecurityException notRsa) {
                try {
                    ECPublicKey ec = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(spec);
                    if (Curve.forECParameterSpec(ec.getParams()) == Curve.P_256) {
                        return new PemKey(JWSAlgorithm.ES256, ec);
                    }
                } catch (GeneralSecurityException notEc) {
                    // neither: refused below
                }
            }
            throw new IllegalStateException("switchboard.security.jwt.public-key must be an RSA or EC P-256 public key");
        }
    }

    private static Set<String> scopes(JWTClaimsSet claims) throws ParseException {
        String scope = claims.getStringClaim("scope");
        if (scope == null || scope.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(scope.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }
}
