package io.switchboard.security;

import java.util.Set;

/** The scopes of API.md ("Who may call what"). */
public final class Scopes {

    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of("customer:read", "orders:read", "orders:write", "tickets:write",
            "kb:read", "conversations:write", "catalog:read", "privacy:admin", ADMIN);

    private Scopes() {
    }
}
