package io.switchboard.health;

import io.switchboard.errors.ApiException;
import io.switchboard.errors.Problems;
import io.switchboard.errors.UpstreamUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until the hub has started, every request but the health and metrics endpoints gets 503 {@code upstream_unavailable}
 * with Retry-After. The web server takes connections before Camel has registered its REST routes, and in that window
 * a real path would otherwise be answered 404 {@code not_found} (an order or a conversation that "does not exist")
 * to whoever reaches the instance before its readiness says so: a load balancer without probes, a client that
 * follows a restarted process on its port. Opens once, when the application is ready; costs a field read after.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class StartupGate extends OncePerRequestFilter implements ApplicationListener<ApplicationReadyEvent> {

    private static final ApiException STARTING = new UpstreamUnavailable("switchboard", "The hub is starting",
            Duration.ofSeconds(5));

    private final Problems problems;
    private final String managementPath;
    private volatile boolean started;

    public StartupGate(Problems problems, WebEndpointProperties management) {
        this.problems = problems;
        this.managementPath = management.getBasePath() + "/";
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        started = true;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return started || request.getRequestURI().startsWith(managementPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        problems.write(request, response, STARTING);
    }
}
