package io.switchboard.security;

import io.switchboard.errors.Problems;
import io.switchboard.errors.RateLimited;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The limit on requests without valid credentials, by client address ({@link ClientAddress}): missing or invalid
 * tokens and API keys, and calls of the public paths. Authenticated calls never count here (they have their own
 * limits, by customer and by key), so a chat backend speaking for many customers from one address is not capped by
 * it, while a flood of guesses from one address is answered 429 without a verdict on its credentials.
 */
@Component
public class UnauthenticatedAttempts {

    private final ClientAddress addresses;
    private final RateLimiter limiter;
    private final Problems problems;

    public UnauthenticatedAttempts(ClientAddress addresses, RateLimitProperties limits, Problems problems) {
        this.addresses = addresses;
        this.limiter = new RateLimiter(limits.perIp().rate(), limits.perIp().burst(), System::nanoTime);
        this.problems = problems;
    }

    /** Counts the attempt against its address; when over the limit, answers 429 and returns true. */
    public boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long waitMillis = limiter.acquire("ip:" + addresses.of(request));
        if (waitMillis == 0) {
            return false;
        }
        problems.write(request, response, new RateLimited(Duration.ofMillis(waitMillis)));
        return true;
    }
}
