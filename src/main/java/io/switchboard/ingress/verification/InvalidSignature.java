package io.switchboard.ingress.verification;

import java.util.Locale;

/** A delivery that is not provably from its vendor. The reason goes to metrics and the audit log, not to the caller. */
public class InvalidSignature extends RuntimeException {

    /** Why a delivery was refused; a metric tag, so a small fixed set. */
    public enum Reason {
        MISSING_HEADER, MALFORMED_HEADER, BAD_SIGNATURE, STALE_TIMESTAMP, FUTURE_TIMESTAMP;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public InvalidSignature(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
