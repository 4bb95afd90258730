package io.switchboard.resilience;

/**
 * A credential that can be renewed (an OAuth token): on a 401 the vendor call asks for a fresh one
 * once, then retries ({@link CredentialRenewal}); static credentials are not renewable.
 */
public interface TokenRefresh {

    /** Forgets the current credential and obtains a new one. */
    void refresh();
}
