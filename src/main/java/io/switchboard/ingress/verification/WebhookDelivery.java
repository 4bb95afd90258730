package io.switchboard.ingress.verification;

import java.util.Locale;
import java.util.Map;

/**
 * A webhook delivery exactly as received: the raw body bytes (never re-serialized), header names in lower case,
 * and the request line HubSpot signs.
 *
 * @param uri the full request URI as the vendor called it ({@code https://host/webhooks/hubspot?x=y})
 */
public record WebhookDelivery(String source, String method, String uri, Map<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
