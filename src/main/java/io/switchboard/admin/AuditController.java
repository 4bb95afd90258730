package io.switchboard.admin;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.input.Inputs;
import io.switchboard.security.AuditLog;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/audit?actor=&action=&outcome=&since=&limit=}: the audit log, newest first. */
@RestController
public class AuditController {

    private static final int MAX_LIMIT = 1_000;

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping(path = "/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> find(@RequestParam(required = false) String actor,
                                    @RequestParam(required = false) String action,
                                    @RequestParam(required = false) String outcome,
                                    @RequestParam(required = false) String since,
                                    @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return Map.of("items", audit.find(actor, action, outcome, parse(since), limit));
    }

    private static Instant parse(String since) {
        return since == null ? null : Inputs.instant(since).orElseThrow(() -> new InvalidRequest("since",
                "an RFC 3339 time in UTC, such as 2026-11-24T06:00:00Z, years 0001 to 9999"));
    }
}
