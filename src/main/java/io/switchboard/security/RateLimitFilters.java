package io.switchboard.security;

import io.switchboard.errors.Problems;
import io.switchboard.errors.RateLimited;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits on the chat and admin APIs and the MCP server, after authentication: by the authenticated client (the customer a token
 * speaks for, or the API key), and by client address for what authenticated as no one ({@link UnauthenticatedAttempts}:
 * failed credentials, counted by the authentication filters, and the public paths, counted here). Over the limit: 429
 * {@code rate_limited} with Retry-After. Webhooks are not limited here: vendors retry what they are refused, and
 * their bursts are legitimate.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitFilters {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> anonymousRateLimit(UnauthenticatedAttempts attempts) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (client(request) != null || !attempts.refused(request, response)) {
                    chain.doFilter(request, response);
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);   // after authentication
        registration.addUrlPatterns("/api/*", "/admin/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<LimitFilter> clientRateLimit(RateLimitProperties limits, Problems problems) {
        RateLimiter clients = limiter(limits.perClient());
        RateLimiter apiKeys = limiter(limits.perApiKey());
        return registration(new LimitFilter(problems, RateLimitFilters::client, clients, apiKeys),
                Ordered.HIGHEST_PRECEDENCE + 20);
    }

    private static RateLimiter limiter(RateLimitProperties.Limit limit) {
        return new RateLimiter(limit.rate(), limit.burst(), System::nanoTime);
    }

    /**
     * "key:<id>" for an API key (on the chat API too, whichever customer it acts for), else "sub:<customer>"; null
     * when no authentication ran.
     */
    private static String client(HttpServletRequest request) {
        if (request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE) instanceof ApiKey key) {
            return "key:" + key.id();
        }
        if (request.getAttribute(BearerAuthFilter.CALLER_ATTRIBUTE) instanceof Caller caller) {
            return "sub:" + caller.subject();
        }
        return null;
    }

    private static FilterRegistrationBean<LimitFilter> registration(LimitFilter filter, int order) {
        FilterRegistrationBean<LimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        registration.addUrlPatterns("/api/*", "/admin/*", BearerAuthFilter.MCP_PATH);
        return registration;
    }

    /** Takes a token from the limiter for the request's key; answers 429 when there is none. */
    static final class LimitFilter extends OncePerRequestFilter {

        interface KeyOf {
            String key(HttpServletRequest request);
        }

        private final Problems problems;
        private final KeyOf keyOf;
        private final RateLimiter limiter;
        private final RateLimiter apiKeyLimiter;

        LimitFilter(Problems problems, KeyOf keyOf, RateLimiter limiter, RateLimiter apiKeyLimiter) {
            this.problems = problems;
            this.keyOf = keyOf;
            this.limiter = limiter;
            this.apiKeyLimiter = apiKeyLimiter;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String key = keyOf.key(request);
            RateLimiter which = key != null && key.startsWith("key:") && apiKeyLimiter != null ? apiKeyLimiter : limiter;
            long waitMillis = key == null ? 0 : which.acquire(key);
            if (waitMillis > 0) {
                problems.write(request, response, new RateLimited(Duration.ofMillis(waitMillis)));
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
