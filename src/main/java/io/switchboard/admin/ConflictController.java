package io.switchboard.admin;

import io.switchboard.conflicts.ConflictReview;
import io.switchboard.conflicts.ConflictRules;
import io.switchboard.conflicts.FieldLedger;
import io.switchboard.errors.Conflict;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.NotFound;
import io.switchboard.security.ApiKey;
import io.switchboard.security.ApiKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The conflict review queue: {@code GET /admin/conflicts?state=pending&type=&offset=&limit=} lists changes a
 * {@code manual} rule held back (oldest first) with the rules in force, {@code GET /admin/conflicts/{id}} shows one,
 * {@code POST /admin/conflicts/{id}/accept} applies it and {@code .../reject} drops it (409 once resolved). Both
 * decisions are audited with the operator's key id.
 */
@RestController
public class ConflictController {

    private static final Set<String> STATES = Set.of(ConflictReview.PENDING, ConflictReview.ACCEPTED,
            ConflictReview.REJECTED, "all");
    private static final int MAX_LIMIT = 500;

    private final FieldLedger ledger;
    private final ConflictRules rules;

    public ConflictController(FieldLedger ledger, ConflictRules rules) {
        this.ledger = ledger;
        this.rules = rules;
    }

    @GetMapping(path = "/admin/conflicts", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> list(@RequestParam(defaultValue = ConflictReview.PENDING) String state,
                                    @RequestParam(required = false) String type,
                                    @RequestParam(defaultValue = "0") int offset,
                                    @RequestParam(defaultValue = "50") int limit) {
        if (!STATES.contains(state)) {
            throw new InvalidRequest("state", "pending, accepted, rejected or all");
        }
        if (offset < 0) {
            throw new InvalidRequest("offset", "must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<ConflictReview> page = ledger.reviews("all".equals(state) ? null : state, type, offset, limit);
        return Map.of("items", page, "pending", ledger.pendingCount(), "rules", rules.describe(),
                "offset", offset, "limit", limit);
    }

    @GetMapping(path = "/admin/conflicts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ConflictReview get(@PathVariable String id) {
        return ledger.review(id).orElseThrow(() -> new NotFound("Conflict review " + id));
    }

    @PostMapping(path = "/admin/conflicts/{id}/accept", produces = MediaType.APPLICATION_JSON_VALUE)
    public ConflictReview accept(@PathVariable String id, HttpServletRequest request) {
        return ledger.resolve(id, true, actor(request));
    }

    @PostMapping(path = "/admin/conflicts/{id}/reject", produces = MediaType.APPLICATION_JSON_VALUE)
    public ConflictReview reject(@PathVariable String id, HttpServletRequest request) {
        return ledger.resolve(id, false, actor(request));
    }

    private static String actor(HttpServletRequest request) {
        ApiKey key = (ApiKey) request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE);
        return "apikey:" + key.id();
    }
}
