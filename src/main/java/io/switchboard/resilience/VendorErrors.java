package io.switchboard.resilience;

import java.util.Map;

/**
 * How one kind of client reports a vendor's answer when it fails: camel-http's exception ({@link HttpErrors}), or a
 * vendor's own client (camel-salesforce's, in its connector). The retries, the call metrics and the contract's error
 * codes read failures through every such bean, so that no vendor's exception type is known here.
 */
public interface VendorErrors {

    /** The HTTP status of the vendor's answer this throwable itself carries, or -1 when it carries none. */
    int status(Throwable failure);

    /** Whether that answer says "too many requests", in the vendor's own words. */
    boolean rateLimited(Throwable failure);

    /** The answer's headers, where this throwable kept them. */
    default Map<String, String> headers(Throwable failure) {
        return Map.of();
    }
}
