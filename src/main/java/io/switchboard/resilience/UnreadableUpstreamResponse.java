package io.switchboard.resilience;

/** A vendor answered 2xx with a body we cannot read: an upstream failure, never our 500. */
public class UnreadableUpstreamResponse extends RuntimeException {

    public UnreadableUpstreamResponse(String message, Throwable cause) {
        super(message, cause);
    }
}
