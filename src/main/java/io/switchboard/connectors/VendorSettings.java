package io.switchboard.connectors;

import java.util.Map;

/**
 * One vendor's block of {@code switchboard.vendors.<vendor>}, as the outbound template reads it (every other key in
 * the block is the vendor's own, read by its routes and mappers).
 *
 * @param baseUrl           where its API is; blank: {@code https://<vendor>.unconfigured.invalid}
 * @param timeoutMillis     one call, retries included (its breaker's timeout)
 * @param requestsPerSecond the deployment's budget of calls to it ({@code VendorBudgets})
 * @param okStatusCodes     the answers that are not failures ({@code 200-299}; {@code 200-299,404} where a 404 is an
 *                          answer the mapper reads)
 * @param credentials       how it is authenticated; none: its own component does it (Salesforce)
 * @param headers           sent with every request besides the credentials ({@code Notion-Version})
 * @param endpoint          what sends a request, when it is not camel-http on {@code baseUrl} (Salesforce:
 *                          {@code direct:salesforce.send})
 */
public record VendorSettings(String baseUrl, Long timeoutMillis, Double requestsPerSecond, String okStatusCodes,
                             Auth credentials, Map<String, String> headers, String endpoint) {

    public VendorSettings {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        credentials = credentials == null ? new Auth(null, null, null, null, null, null, null, null, null, null, null) : credentials;
    }

    /** The timeout, 2 s when unset. */
    public long timeout() {
        return timeoutMillis == null ? 2_000 : timeoutMillis;
    }

    /** The URI the outbound template's request route sends to. */
    public String endpoint(String vendor) {
        if (endpoint != null && !endpoint.isBlank()) {
            return endpoint;
        }
        String base = baseUrl == null || baseUrl.isBlank() ? "https://" + vendor + ".unconfigured.invalid" : baseUrl.trim();
        String ok = okStatusCodes == null || okStatusCodes.isBlank() ? "200-299" : okStatusCodes.trim();
        return base + (base.contains("?") ? "&" : "?") + "okStatusCodeRange=" + ok;
    }

    /**
     * {@code switchboard.vendors.<vendor>.credentials}: the first of these that is set decides. {@code token-url}: an OAuth
     * 2.0 token ({@code grant}: {@code client_credentials}, or {@code refresh_token} with {@code refresh-token}),
     * renewed before it expires and after a 401; {@code user}: HTTP Basic with {@code password}; {@code token}: a
     * fixed value. The credential goes in {@code header} (Authorization), after {@code scheme} (Bearer) when set.
     */
    public record Auth(String header, String scheme, String token, String user, String password, String tokenUrl,
                       String grant, String clientId, String clientSecret, String refreshToken, String scope) {

        /** The header the credential goes in. */
        public String headerName() {
            return blank(header) ? "Authorization" : header.trim();
        }

        static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
