package io.switchboard.resilience;

/** Renews a vendor's credential after it refused it (a 401): an OAuth token is fetched again. */
public interface CredentialRenewal {

    /** Forgets the vendor's credential so that the next attempt gets a new one; false when it cannot be renewed. */
    boolean renew(String vendor);
}
