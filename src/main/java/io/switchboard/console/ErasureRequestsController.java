package io.switchboard.console;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.privacy.ErasureRequests;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/erasure-requests?limit=}: the most recent erasure requests, newest first, with each system's
 * progress, for the console. They name no customer: the same as {@code GET /api/v1/privacy/requests/{id}} shows.
 */
@RestController
public class ErasureRequestsController {

    static final int MAX_LIMIT = 200;

    private final ErasureRequests requests;

    public ErasureRequestsController(ErasureRequests requests) {
        this.requests = requests;
    }

    @GetMapping(path = "/admin/erasure-requests", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> recent(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return Map.of("items", requests.recent(limit), "limit", limit);
    }
}
