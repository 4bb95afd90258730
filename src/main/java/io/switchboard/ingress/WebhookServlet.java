package io.switchboard.ingress;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.InternalServerError;
import io.switchboard.errors.PayloadTooLarge;
import io.switchboard.errors.Problems;
import io.switchboard.errors.UnknownWebhookSource;
import io.switchboard.ingress.verification.WebhookDelivery;
import io.switchboard.tracing.RequestIds;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * {@code POST /webhooks/{source}}, the hub's busiest endpoint, as a plain servlet: its whole job is to read the body's
 * exact bytes (signatures are checked over them) with the source's size limit, hand them to {@link WebhookIngress} and
 * answer the receipt, which needs none of Spring MVC's handler mapping, argument resolution or message conversion.
 * It answers as the Spring MVC endpoint it replaces did: the source is matched by the same path pattern on the raw
 * URI, other methods get 405 with {@code Allow: POST}, refusals are problem+json through {@link Problems}, and any
 * other path under {@code /webhooks/} is 404 {@code not_found} as any unknown path.
 */
public class WebhookServlet extends HttpServlet {

    /** The one endpoint this servlet serves, and its method. */
    public static final String PATH = "/webhooks/{source}";
    public static final String METHOD = "POST";
    /** The servlet mapping that takes {@link #PATH} from Spring MVC's dispatcher, and the servlet's name. */
    public static final String URL_MAPPING = "/webhooks/*";
    public static final String NAME = "webhookServlet";

    private static final Logger log = LoggerFactory.getLogger(WebhookServlet.class);
    private static final PathPattern PATTERN = PathPatternParser.defaultInstance.parse(PATH);
    private static final DefaultCorsProcessor CORS = new DefaultCorsProcessor();
    /**
     * Request headers never kept with a delivery. Authorization is read by the scheme that verifies it (basic) and
     * dropped before the delivery is queued (DurableQueue).
     */
    private static final Set<String> DROPPED_HEADERS = Set.of("cookie", "proxy-authorization");

    private final transient WebhookSources sources;
    private final transient WebhookIngress ingress;
    private final transient Problems problems;
    private final transient ObjectWriter receipts;

    /** @param receipts writes a {@link WebhookIngress.Receipt} as the JSON the vendor gets */
    public WebhookServlet(WebhookSources sources, WebhookIngress ingress, Problems problems, ObjectWriter receipts) {
        this.sources = sources;
        this.ingress = ingress;
        this.problems = problems;
        this.receipts = receipts;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String source = source(request);
        if (source == null) {
            notFound(request, response);
            return;
        }
        switch (request.getMethod()) {
            case METHOD -> receive(source, request, response);
            case "OPTIONS" -> options(request, response);
            default -> {
                response.setHeader(HttpHeaders.ALLOW, METHOD);
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);   // answered by ProblemErrorController
            }
        }
    }

    /**
     * The {@code {source}} of {@link #PATH}, or null for any other path. Matched as Spring MVC matches a request: the
     * raw URI (Tomcat's normalized path would also take {@code /webhooks/./github}), each segment decoded and without
     * its {@code ;parameters}.
     */
    static String source(HttpServletRequest request) {
        PathPattern.PathMatchInfo match = PATTERN.matchAndExtract(
                RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication());
        return match == null ? null : match.getUriVariables().get("source");
    }

    private void receive(String source, HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebhookIngress.Receipt receipt;
        try {
            WebhookSources.Bound bound = sources.find(source).orElseThrow(() ->
                    new UnknownWebhookSource(source));
            byte[] body = readBody(request, bound.settings().maxBodySize().toBytes(), source);
            receipt = ingress.accept(bound, new WebhookDelivery(source, request.getMethod(), fullUri(request),
                    headers(request), body));
        } catch (ApiException refused) {
            problems.write(request, response, refused);
            return;
        } catch (RuntimeException failure) {
            log.error("Webhook delivery to {} failed", source, failure);
            problems.write(request, response,
                    new InternalServerError((String) request.getAttribute(RequestIds.ATTRIBUTE)));
            return;
        }
        byte[] answer = receipts.writeValueAsBytes(receipt);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** No cross-origin calls from browsers: a CORS preflight is refused (403) as Spring MVC refuses it. */
    private static void options(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (CorsUtils.isPreFlightRequest(request)) {
            CORS.processRequest(null, request, response);
            return;
        }
        response.setHeader(HttpHeaders.ALLOW, METHOD + ",OPTIONS");
    }

    /**
     * Any other path under {@code /webhooks/}: 404, answered by ProblemErrorController, as Spring MVC answers a path
     * it has no handler for (its resource handler's CORS check first: the Vary headers, a preflight refused). Not
     * forwarded to Spring MVC: behind this servlet's mapping it would match the path after {@code /webhooks}, and
     * {@code /webhooks/admin/...} would reach the admin API past the filters that guard {@code /admin/}.
     */
    private static void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (CORS.processRequest(null, request, response)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
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
        return new PayloadTooLarge("Webhook bodies for this source are limited to " + limit + " bytes");
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
