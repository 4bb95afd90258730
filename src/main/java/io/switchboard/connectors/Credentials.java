package io.switchboard.connectors;

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
}
