package io.switchboard.tracing;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id convention: echoed when the caller sent a sane one, generated otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** MDC key; every log line a request causes carries it. */
    public static final String MDC_KEY = "requestId";
    /** Request attribute holding the id, for code that has the request but not the MDC. */
    public static final String ATTRIBUTE = RequestIds.class.getName();

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** Keeps a caller's id only if it cannot forge log lines or bloat headers. */
    public static String acceptOrGenerate(String fromCaller) {
        if (fromCaller != null && SANE.matcher(fromCaller).matches()) {
            return fromCaller;
        }
        return UUID.randomUUID().toString();
    }
}
