package io.switchboard.errors;

import java.util.Map;

/** 504 {@code upstream_timeout}: the system named by {@code source} did not answer in time. */
public final class UpstreamTimeout extends ApiException {

    public UpstreamTimeout(String source) {
        super(ErrorCode.UPSTREAM_TIMEOUT, source + " did not answer in time", Map.of("source", source), null);
    }
}
