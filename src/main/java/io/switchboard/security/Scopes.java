package io.switchboard.security;

import java.util.Set;

/** The scopes of the HTTP contract (docs/api.md, "Who may call what"). */
public final class Scopes {

    public static final String ADMIN = "admin";
    public static final String PRIVACY_ADMIN = "privacy:admin";
    /** An API key acting for any customer on the chat API, rather than for the customers it names. */
    public static final String CUSTOMERS_ALL = "customers:all";

    /** The privacy API, for API keys of scope {@code privacy:admin} rather than customers' tokens. */
    public static final String PRIVACY_PATH = "/api/v1/privacy/";

    public static final Set<String> ALL = Set.of("customer:read", "orders:read", "orders:write", "tickets:write",
            "kb:read", "conversations:write", "catalog:read", "privacy:admin", ADMIN, CUSTOMERS_ALL);

    private Scopes() {
    }
}
