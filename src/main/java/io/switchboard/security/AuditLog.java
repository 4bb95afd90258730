package io.switchboard.security;

import io.switchboard.api.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log in PostgreSQL: who (an actor such as {@code webhook:stripe} or {@code apikey:<id>}), what, when,
 * the outcome and the request id. Callers pass no credential, secret or body.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String outcome, String detail) {
        try {
            jdbc.update("INSERT INTO audit_log (actor, action, outcome, request_id, detail) VALUES (?, ?, ?, ?, ?)",
                    actor, action, outcome, MDC.get(RequestIds.MDC_KEY), detail);
        } catch (RuntimeException e) {
            // the audited action has already been decided; a lost audit row must not change its answer
            log.error("Audit entry not written: {} {} {}", actor, action, outcome, e);
        }
    }
}
