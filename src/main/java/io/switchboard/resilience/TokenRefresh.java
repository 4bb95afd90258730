package io.switchboard.resilience;

/**
 * An integration whose credentials can be renewed (an OAuth token): on a 401 the vendor call asks for a fresh one
 * once, then retries. Beans are named {@code <integration>TokenRefresh}; static credentials have none.
 */
public interface TokenRefresh {

    /** Forgets the current credential and obtains a new one. */
    void refresh();
}
