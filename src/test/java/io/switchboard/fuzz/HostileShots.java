package io.switchboard.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.Tokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The requests {@link HostileRequestFuzzTest} sends: every operation the hub serves, each time with one part (a path
 * parameter, a query parameter, a header, a body member, the body's bytes, the credential) replaced by a hostile
 * value from {@link #VALUES} or a random mutation of one, and whether the hub must refuse it.
 */
final class HostileShots {

    static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    /** Values that have broken parsers, databases and guards somewhere; each is refused or read as plain data. */
    static final List<String> VALUES = List.of("", " ", "..", ".", "%2e%2e", "../../etc/passwd", "..;/admin",
            "1001' OR '1'='1", "1; DROP TABLE audit_log; --", "${jndi:ldap://x/a}", "{{7*7}}", "#{7*7}",
            "<script>alert(1)</script>", "\u0000", "a\u0000b", "\u0007", "\u001b[31m", "\r\nX-Injected: 1", "\u007f",
            "\u0085", "\u2028", "\ud800", "\udfff", "ü🎉", "\ufeff", "x".repeat(300), "x".repeat(5_000), "-1", "0",
            "1e309", "NaN", "-0", "99999999999999999999", Long.toString(Long.MIN_VALUE), Long.toString(Long.MAX_VALUE),
            "-100000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+1000000000-12-31T23:59:59Z",
            "0000-00-00T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24T06:00:00Z", "true", "null", "[]", "{}",
            "%", "%%", "%zz", "%00", "%c0%ae", "/", "\\", "//", "?", "#", ";", "&", "=", "*", "~", "1001");

    private static final String PUNCTUATION = "./%;\\\"'{}$#?&=";

    private final ObjectMapper json = new ObjectMapper();

    /** A privacy:admin key minted for this run. */
    private final String privacyKey;

    HostileShots(String privacyKey) {
        this.privacyKey = privacyKey;
    }

    /** One request the fuzz sends, and whether the hub must refuse it. */
    record Shot(String method, String path, String body, List<String> headers, boolean refused, boolean guarded) {
    }

    Shot shot(Random random) {
        String hostile = random.nextInt(5) == 0 ? mutation(random) : VALUES.get(random.nextInt(VALUES.size()));
        boolean refusedValue = refusedValue(hostile);
        Credential credential = Credential.values()[random.nextInt(Credential.values().length)];
        Endpoint endpoint = Endpoint.values()[random.nextInt(Endpoint.values().length)];
        Part part = Part.values()[random.nextInt(Part.values().length)];
        List<String> headers = new ArrayList<>();
        String path = endpoint.path.replace("{id}", part == Part.PATH ? encode(hostile) : endpoint.sampleId);
        String body = endpoint.body == null ? null
                : part == Part.BODY_MEMBER ? endpoint.body.replace("\"" + endpoint.bodyMember + "\"",
                        json(hostile)) : endpoint.body;
        if (part == Part.QUERY) {
            path += (path.contains("?") ? "&" : "?") + endpoint.queryName + "=" + encode(hostile);
        }
        boolean refused = false;
        if (endpoint.guard != Guard.NONE) {
            refused = credential != Credential.VALID;
            headers.addAll(credential.headers(endpoint.guard, hostile, privacyKey));
        }
        if (part == Part.HEADER) {
            String name = endpoint.headerNames.get(random.nextInt(endpoint.headerNames.size()));
            headers.add(name);
            headers.add(hostile);
            refused |= endpoint.guard == Guard.WEBHOOK;
        }
        if (endpoint.guard == Guard.WEBHOOK) {
            refused = true;   // nothing here is signed with the source's secret
        }
        boolean placed = part == Part.PATH ? endpoint.path.contains("{id}")
                : part == Part.BODY_MEMBER ? body != null : part == Part.QUERY;
        refused |= refusedValue && placed;
        if (part == Part.BODY_BYTES && body != null) {
            body = "\u0000UTF16:" + body;   // sent as UTF-16 by the test
            refused = true;
        }
        if (body != null) {
            headers.add("Content-Type");
            headers.add("application/json");
        }
        headers.add("X-Request-Id");
        headers.add("fuzz-" + Long.toHexString(random.nextLong()));
        return new Shot(endpoint.method, path, body, headers, refused, endpoint.guard == Guard.BEARER
                || endpoint.guard == Guard.API_KEY || endpoint.guard == Guard.PRIVACY_KEY);
    }

    /** A value the hub must refuse wherever it is put: a control character, a time outside the storable range. */
    private static boolean refusedValue(String value) {
        if (value.contains("-100000-") || value.contains("+999999999-") || value.contains("+1000000000-")) {
            return true;
        }
        return value.chars().anyMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f);
    }

    private static String mutation(Random random) {
        StringBuilder value = new StringBuilder(VALUES.get(random.nextInt(VALUES.size())));
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = value.length() == 0 ? 0 : random.nextInt(value.length() + 1);
            char c = switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) (0x20 + random.nextInt(0x5f));
                case 2 -> (char) (0x80 + random.nextInt(0x780));
                default -> PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
            };
            value.insert(at, c);
        }
        return value.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String json(String value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    enum Guard { NONE, BEARER, API_KEY, PRIVACY_KEY, WEBHOOK }

    enum Part { PATH, QUERY, HEADER, BODY_MEMBER, BODY_BYTES, CREDENTIAL }

    enum Credential {
        VALID, MISSING, FORGED, HOSTILE;

        List<String> headers(Guard guard, String hostile, String privacyKey) {
            boolean bearer = guard == Guard.BEARER;
            String name = bearer ? "Authorization" : guard == Guard.WEBHOOK ? "X-Hub-Signature-256" : "X-Api-Key";
            return switch (this) {
                case VALID -> guard == Guard.WEBHOOK ? List.of() : List.of(name, bearer
                        ? "Bearer " + Tokens.verified(Tokens.CUSTOMER, "orders:read customer:read tickets:write "
                                + "kb:read conversations:write catalog:read")
                        : guard == Guard.PRIVACY_KEY ? privacyKey : ADMIN_KEY);
                case MISSING -> List.of();
                case FORGED -> List.of(name, bearer ? "Bearer " + Tokens.sign("another-secret-0123456789abcdef-xyz",
                        Tokens.claims(Tokens.CUSTOMER, "orders:read").build()) : "sha256=00");
                case HOSTILE -> List.of(name, (bearer ? "Bearer " : "") + hostile);
            };
        }
    }

    /** Every operation the hub serves, with where a hostile value can go. */
    enum Endpoint {
        ORDER("GET", "/api/v1/orders/{id}", "1001", Guard.BEARER, null, null, "x"),
        CANCELLATION("POST", "/api/v1/orders/{id}/cancellation", "fuzz-no-such-order", Guard.BEARER, "{}", null, "x"),
        CUSTOMER("GET", "/api/v1/customers/{id}", Tokens.CUSTOMER, Guard.BEARER, null, null, "x"),
        CONTEXT("GET", "/api/v1/customers/{id}/context", Tokens.CUSTOMER, Guard.BEARER, null, null, "x"),
        TICKET("POST", "/api/v1/tickets", "", Guard.BEARER, "{\"conversationId\":\"fuzz-conv\",\"subject\":"
                + "\"subject\",\"transcript\":[{\"role\":\"customer\",\"text\":\"text\",\"at\":\"at\"}],"
                + "\"priority\":\"normal\"}", "subject", "x"),
        KB("GET", "/api/v1/kb/search?q=order", "", Guard.BEARER, null, null, "limit"),
        EVENT("POST", "/api/v1/conversations/{id}/events", "fuzz-conv", Guard.BEARER,
                "{\"type\":\"message\",\"role\":\"customer\",\"text\":\"text\",\"at\":\"2026-11-24T06:00:00Z\"}",
                "text", "x"),
        PRODUCT("GET", "/api/v1/products/{id}", "IPOD2008GREEN", Guard.BEARER, null, null, "x"),
        CONSENT("PUT", "/api/v1/privacy/customers/{id}/consent", Tokens.CUSTOMER, Guard.PRIVACY_KEY,
                "{\"crmLogging\":true,\"transcriptStorage\":\"transcriptStorage\",\"marketing\":false}",
                "transcriptStorage", "x"),
        CONSENT_READ("GET", "/api/v1/privacy/customers/{id}/consent", Tokens.CUSTOMER, Guard.PRIVACY_KEY, null, null,
                "x"),
        WEBHOOK("POST", "/webhooks/{id}", "github", Guard.WEBHOOK, "{\"zen\":\"zen\"}", "zen", "x"),
        WEBHOOK_STANDARD("POST", "/webhooks/{id}", "acme", Guard.WEBHOOK, "{\"type\":\"type\"}", "type", "x"),
        DEAD_LETTERS("GET", "/admin/dead-letters", "", Guard.API_KEY, null, null, "source"),
        REPLAY("POST", "/admin/dead-letters/{id}/replay", "fuzz-no-such-letter", Guard.API_KEY, null, null, "x"),
        API_KEYS("GET", "/admin/api-keys", "", Guard.API_KEY, null, null, "x"),
        MINT("POST", "/admin/api-keys", "", Guard.API_KEY,
                "{\"name\":\"name\",\"scopes\":[\"kb:read\"],\"expiresAt\":\"2999-01-01T00:00:00Z\"}", "name", "x"),
        REVOKE("DELETE", "/admin/api-keys/{id}", "fuzz-no-such-key", Guard.API_KEY, null, null, "x"),
        AUDIT("GET", "/admin/audit?limit=5", "", Guard.API_KEY, null, null, "since"),
        AUDIT_ACTOR("GET", "/admin/audit?limit=5", "", Guard.API_KEY, null, null, "actor"),
        SYNC_STATUS("GET", "/admin/sync", "", Guard.API_KEY, null, null, "x"),
        SYNC("POST", "/admin/sync/{id}", "fuzz-no-such-source", Guard.API_KEY, null, null, "x"),
        CONFLICTS("GET", "/admin/conflicts?limit=5", "", Guard.API_KEY, null, null, "type"),
        CONFLICTS_STATE("GET", "/admin/conflicts?limit=5", "", Guard.API_KEY, null, null, "state"),
        CONFLICT_ACCEPT("POST", "/admin/conflicts/{id}/accept", "cfr_fuzz-no-such-review", Guard.API_KEY, null,
                null, "x"),
        OPENAPI("GET", "/api/v1/openapi.json", "", Guard.NONE, null, null, "x"),
        HEALTH("GET", "/actuator/health", "", Guard.NONE, null, null, "x"),
        UNKNOWN("GET", "/api/v1/{id}", "nothing", Guard.BEARER, null, null, "x");

        final String method;
        final String path;
        final String sampleId;
        final Guard guard;
        final String body;
        final String bodyMember;
        final String queryName;
        final List<String> headerNames;

        Endpoint(String method, String path, String sampleId, Guard guard, String body, String bodyMember,
                 String queryName) {
            this.method = method;
            this.path = path;
            this.sampleId = sampleId;
            this.guard = guard;
            this.body = body;
            this.bodyMember = bodyMember;
            this.queryName = queryName;
            this.headerNames = guard == Guard.WEBHOOK
                    ? List.of("X-Hub-Signature-256", "X-GitHub-Delivery", "X-GitHub-Event", "webhook-id",
                            "webhook-timestamp", "webhook-signature", "Accept", "X-Request-Id", "Content-Type",
                            "X-Forwarded-For", "Origin")
                    : List.of("Accept", "X-Request-Id", "Content-Type", "X-Forwarded-For", "Origin",
                            "Accept-Language", "If-None-Match");
        }
    }
}
