package io.switchboard.input;

import io.switchboard.errors.ApiException;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request, whatever it is for (chat API, admin API, webhooks, operations), before any endpoint reads it: the
 * parts every endpoint reads, the path, the query and the headers, must be {@link Inputs#isLine} text (no NUL or other
 * control character, no line break), path segments {@link Inputs#isIdentifier identifier}-sized, and a query value
 * shaped as a date-time within {@link Inputs#isStorable the storable range}; otherwise 400 {@code invalid_request}. It
 * runs after authentication, so that a refused request to a guarded API is audited like any other attempt.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
public class RequestInputFilter extends OncePerRequestFilter {

    private final Problems problems;

    public RequestInputFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiException refusal = refusal(request);
        if (refusal != null) {
            problems.write(request, response, refusal);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The refusal of the request's path, query or headers, or null when they are fine. */
    static ApiException refusal(HttpServletRequest request) {
        String path = pathRefusal(request);
        if (path != null) {
            return new InvalidRequest(path);
        }
        ApiException query = queryRefusal(request.getQueryString());
        if (query != null) {
            return query;
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                // header values are Latin-1 to the container: the bytes of UTF-8 text may look like C1 controls
                if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    return new InvalidRequest("The header " + name + " holds a control character");
                }
            }
        }
        return null;
    }

    private static String pathRefusal(HttpServletRequest request) {
        try {
            for (PathContainer.Element element : RequestPath.parse(request.getRequestURI(), request.getContextPath())
                    .pathWithinApplication().elements()) {
                if (element instanceof PathContainer.PathSegment segment) {
                    String value = segment.value();   // decoded, with any ;params
                    if (!Inputs.isLine(value)) {
                        return "The path holds a control character";
                    }
                    if (value.length() > Inputs.MAX_IDENTIFIER) {
                        return "A path segment is longer than " + Inputs.MAX_IDENTIFIER + " characters";
                    }
                }
            }
            return null;
        } catch (IllegalArgumentException undecodable) {
            return "The path is not validly encoded";
        }
    }

    private static ApiException queryRefusal(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException undecodable) {
                return new InvalidRequest("The query is not validly encoded");
            }
            for (Map.Entry<String, String> part : Map.of("name", name, "value", value).entrySet()) {
                if (!Inputs.isLine(part.getValue())) {
                    return new InvalidRequest("A query parameter's " + part.getKey() + " holds a control character");
                }
            }
            if (Inputs.looksLikeDateTime(value) && Inputs.instant(value).isEmpty()) {
                return new InvalidRequest(name, "an RFC 3339 time between the years 0001 and 9999");
            }
        }
        return null;
    }
}
