package io.switchboard.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * At most one JWKS download per interval, however many tokens name unknown key ids. (Nimbus's own rate limiter
 * allows two per interval.) Sits under the cache, so cached keys keep working meanwhile.
 */
final class JwksFetchLimit extends JWKSetSourceWrapper<SecurityContext> {

    private final long intervalMillis;
    private long lastFetch;
    private boolean fetched;

    JwksFetchLimit(JWKSetSource<SecurityContext> source, long intervalMillis) {
        super(source);
        this.intervalMillis = intervalMillis;
    }

    @Override
    public synchronized JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long now, SecurityContext context)
            throws KeySourceException {
        if (fetched && now - lastFetch < intervalMillis) {
            throw new RateLimitReachedException();
        }
        fetched = true;
        lastFetch = now;
        return getSource().getJWKSet(refresh, now, context);
    }
}
