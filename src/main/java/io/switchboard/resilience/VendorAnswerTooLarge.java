package io.switchboard.resilience;

import java.io.IOException;

/**
 * A vendor's answer longer than {@code switchboard.resilience.max-answer-size}: the call fails as a broken answer
 * would (upstream_unavailable), and is not tried again, since the next answer would be as long.
 */
public class VendorAnswerTooLarge extends IOException {

    public VendorAnswerTooLarge(long limit) {
        super("The vendor's answer is longer than " + limit + " bytes");
    }
}
