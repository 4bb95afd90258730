package io.switchboard.api;

import io.switchboard.errors.PayloadTooLarge;
import io.switchboard.errors.Problems;
import io.switchboard.input.BufferedRequest;
import io.switchboard.input.RequestPaths;
import io.switchboard.security.BearerAuthFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The chat and admin APIs and the MCP endpoint take bodies up to {@code switchboard.api.max-body-size} (64 KiB): a
 * larger one gets 413 before anything parses it. A declared length is checked at once; a chunked body is read up to
 * the limit and handed on from memory. (Webhooks have their own limit per source.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final Problems problems;

    public BodyLimitFilter(@Value("${switchboard.api.max-body-size:64KB}") DataSize limit, Problems problems) {
        this.limit = limit.toBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(RequestPaths.anyUnder(request, "/api") || RequestPaths.anyUnder(request, "/admin")
                || RequestPaths.anyUnder(request, BearerAuthFilter.MCP_PATH));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response);
            return;
        }
        if (request.getContentLengthLong() >= 0 || request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.write(request, response, new PayloadTooLarge("Request bodies are limited to " + limit + " bytes"));
    }
}
