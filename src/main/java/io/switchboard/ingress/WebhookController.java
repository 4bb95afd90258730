package io.switchboard.ingress;

import io.switchboard.api.ApiException;
import io.switchboard.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/{source}}. A plain controller rather than a REST DSL route because signatures are checked
 * over the body's exact bytes, read here with a size limit straight from the request stream.
 */
@RestController
public class WebhookController {

    /** Request headers never kept with a delivery. */
    private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    private final WebhookSources sources;
    private final WebhookIngress ingress;

    public WebhookController(WebhookSources sources, WebhookIngress ingress) {
        this.sources = sources;
        this.ingress = ingress;
    }

    @PostMapping(path = "/webhooks/{source}", produces = MediaType.APPLICATION_JSON_VALUE)
    public WebhookIngress.Receipt receive(@PathVariable String source, HttpServletRequest request) throws IOException {
        WebhookSources.Bound bound = sources.find(source).orElseThrow(() ->
                new ApiException(ErrorCode.UNKNOWN_SOURCE, "No webhook source named " + source));
        byte[] body = readBody(request, bound.settings().maxBodySize().toBytes(), source);
        WebhookDelivery delivery = new WebhookDelivery(source, request.getMethod(), fullUri(request),
                headers(request), body);
        return ingress.accept(bound, delivery);
    }

    /** The body's bytes, refused with 413 as soon as it is known to be over the limit: never read whole. */
    private byte[] readBody(HttpServletRequest request, long limit, String source) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(source, limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(source, limit);
            }
            return body;
        }
    }

    private ApiException tooLarge(String source, long limit) {
        ingress.reject(source, "payload_too_large");
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Webhook bodies for this source are limited to "
                + limit + " bytes");
    }

    /** The URI as the vendor called it (HubSpot signs it); behind a proxy, set server.forward-headers-strategy. */
    private static String fullUri(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURL() + (query == null ? "" : "?" + query);
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!DROPPED_HEADERS.contains(lower)) {
                headers.putIfAbsent(lower, request.getHeader(name));
            }
        }
        return headers;
    }
}
