package io.switchboard.security;

import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param subject the end customer id ({@code sub})
 * @param scopes  granted scopes ({@code scope}, space-separated in the token)
 * @param acr     authentication context, {@code verified} after a step-up
 */
public record Caller(String subject, Set<String> scopes, String acr) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    public boolean owns(String customerId) {
        return subject.equals(customerId);
    }
}
