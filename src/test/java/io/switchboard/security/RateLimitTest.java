package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.Problems;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aBucketAllowsItsBurstThenRefillsAtItsRate() {
        RateLimiter limiter = new RateLimiter(2, 3, now::get);

        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(500);   // the next token in half a second at 2/s
        assertThat(limiter.acquire("b")).as("another key has its own bucket").isZero();

        now.addAndGet(500_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();
    }

    @Test
    void theFilterAnswers429WithRetryAfterPerKey() throws Exception {
        RateLimiter limiter = new RateLimiter(1, 2, now::get);
        RateLimitFilters.LimitFilter filter = new RateLimitFilters.LimitFilter(new Problems(new ObjectMapper()),
                request -> "ip:" + request.getRemoteAddr(), limiter, null);

        assertThat(call(filter, "10.0.0.1", null).getStatus()).isEqualTo(200);
        assertThat(call(filter, "10.0.0.1", null).getStatus()).isEqualTo(200);
        MockHttpServletResponse limited = call(filter, "10.0.0.1", null);
        MockHttpServletResponse otherAddress = call(filter, "10.0.0.2", null);

        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
        assertThat(limited.getContentType()).isEqualTo(Problems.MEDIA_TYPE);
        assertThat(limited.getContentAsString()).contains("\"code\":\"rate_limited\"");
        assertThat(otherAddress.getStatus()).isEqualTo(200);
    }

    @Test
    void clientsAreLimitedBySubjectAndApiKeysByTheirOwnLimit() throws Exception {
        RateLimiter clients = new RateLimiter(1, 1, now::get);
        RateLimiter apiKeys = new RateLimiter(1, 3, now::get);
        RateLimitFilters.LimitFilter filter = new RateLimitFilters.LimitFilter(new Problems(new ObjectMapper()),
                request -> request.getAttribute("key") == null ? null : request.getAttribute("key").toString(),
                clients, apiKeys);

        assertThat(call(filter, "10.0.0.1", "sub:c-1").getStatus()).isEqualTo(200);
        assertThat(call(filter, "10.0.0.9", "sub:c-1").getStatus()).as("same customer, other address").isEqualTo(429);
        assertThat(call(filter, "10.0.0.1", "sub:c-2").getStatus()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(call(filter, "10.0.0.1", "key:key_1").getStatus()).isEqualTo(200);
        }
        assertThat(call(filter, "10.0.0.1", "key:key_1").getStatus()).isEqualTo(429);
        assertThat(call(filter, "10.0.0.1", null).getStatus()).as("unauthenticated: the address limit applies")
                .isEqualTo(200);
    }

    private static MockHttpServletResponse call(RateLimitFilters.LimitFilter filter, String address, String key)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/orders/1001");
        request.setRemoteAddr(address);
        if (key != null) {
            request.setAttribute("key", key);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

}
