package io.switchboard.admin;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.NotFound;
import io.switchboard.input.Inputs;
import io.switchboard.security.ApiKey;
import io.switchboard.security.ApiKeyCallers;
import io.switchboard.security.ApiKeys;
import io.switchboard.security.Scopes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys for server-to-server callers: {@code POST /admin/api-keys} mints one and shows it once,
 * {@code GET /admin/api-keys} lists them (never the keys), {@code DELETE /admin/api-keys/{id}} revokes one.
 */
@RestController
public class ApiKeyController {

    /**
     * What a mint request may say.
     *
     * @param customers the customers the key acts for on the chat API (or scope {@code customers:all} for any)
     */
    public record MintRequest(String name, Set<String> scopes, Set<String> customers, Instant expiresAt) {
    }

    private static final int MAX_CUSTOMERS = 1000;

    private final ApiKeys keys;

    public ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping(path = "/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> mint(@RequestBody MintRequest request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw new InvalidRequest("name", "1 to 100 characters");
        }
        if (request.scopes() == null || request.scopes().isEmpty() || !Scopes.ALL.containsAll(request.scopes())) {
            throw new InvalidRequest("scopes", "one or more of " + Scopes.ALL);
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw new InvalidRequest("expiresAt", "must be in the future");
        }
        if (request.expiresAt() != null && !Inputs.isStorable(request.expiresAt())) {
            throw new InvalidRequest("expiresAt", "must be before the year 10000");
        }
        Set<String> customers = request.customers() == null ? Set.of() : request.customers();
        if (customers.size() > MAX_CUSTOMERS
                || !customers.stream().allMatch(ApiKeyCallers::isCustomerId)) {
            throw new InvalidRequest("customers", "at most " + MAX_CUSTOMERS
                    + " customer ids of 1 to 100 letters, digits or ._:@-");
        }
        ApiKeys.Minted minted = keys.mint(request.name().trim(), request.scopes(), customers, request.expiresAt());
        Map<String, Object> body = describe(minted.key());
        body.put("key", minted.secret());
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @GetMapping(path = "/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> list() {
        List<Map<String, Object>> items = keys.list().stream().map(ApiKeyController::describe).toList();
        return Map.of("items", items);
    }

    @DeleteMapping(path = "/admin/api-keys/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!keys.revoke(id)) {
            throw new NotFound("Active API key " + id);
        }
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> describe(ApiKey key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", key.id());
        body.put("name", key.name());
        body.put("scopes", key.scopes().stream().sorted().toList());
        body.put("customers", key.customers().stream().sorted().toList());
        body.put("createdAt", key.createdAt());
        body.put("expiresAt", key.expiresAt());
        body.put("lastUsedAt", key.lastUsedAt());
        body.put("revokedAt", key.revokedAt());
        return body;
    }
}
