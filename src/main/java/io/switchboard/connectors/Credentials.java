package io.switchboard.connectors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a connector's request route authenticates: {@code ${bean:<vendor>Credentials.authorization}} is the
 * {@code Authorization} header value, static (an API key) or renewed (an OAuth token).
 */
public interface Credentials {

    String authorization();

    /** A fixed header value, such as Basic API-key credentials. */
    static Credentials fixed(String authorization) {
        return () -> authorization;
    }

    /** HTTP Basic credentials (RFC 7617, UTF-8). */
    static Credentials basic(String user, String password) {
        return fixed("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
