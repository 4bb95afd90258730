package io.switchboard.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.tracing.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Renders an {@link ApiException} as an RFC 9457 problem+json body. */
@Component
public class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    public byte[] body(ApiException error, String requestId) {
        return body(error, requestId, error.code().status());
    }

    /** As {@link #body(ApiException, String)}, for a status the servlet container already chose (405, ...). */
    public byte[] body(ApiException error, String requestId, int status) {
        ErrorCode code = error.code();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", code.type());
        problem.put("title", code.title());
        problem.put("status", status);
        problem.put("detail", error.detail());
        problem.put("code", code.code());
        error.extensions().forEach(problem::putIfAbsent);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem body not serializable", e);
        }
    }

    /** Writes the problem as the whole response, for filters that answer before any controller or route. */
    public void write(HttpServletRequest request, HttpServletResponse response, ApiException error)
            throws IOException {
        write(request, response, error, error.code().status());
    }

    /** As {@link #write(HttpServletRequest, HttpServletResponse, ApiException)}, with another status (405, 415). */
    public void write(HttpServletRequest request, HttpServletResponse response, ApiException error, int status)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        if (error.retryAfter() != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        response.getOutputStream().write(body(error, (String) request.getAttribute(RequestIds.ATTRIBUTE), status));
    }
}
