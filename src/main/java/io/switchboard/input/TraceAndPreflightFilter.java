package io.switchboard.input;

import io.switchboard.errors.Forbidden;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests only a browser makes, refused first, on every path: {@code TRACE} (405 with {@code Allow}: it would
 * echo credentials back to a script) and a CORS preflight (403 {@code forbidden}: no browser page calls the hub).
 * Both as problem+json, where the container and Spring MVC would answer an empty body or text/plain.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class TraceAndPreflightFilter extends OncePerRequestFilter {

    /** The methods some endpoint serves; what a 405 for TRACE lists. */
    static final String SERVED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    private final Problems problems;

    public TraceAndPreflightFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("TRACE".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, SERVED_METHODS);
            problems.write(request, response, new InvalidRequest("TRACE is not served"),
                    HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            problems.write(request, response, new Forbidden("Cross-origin requests are not served"));
            return;
        }
        chain.doFilter(request, response);
    }
}
