package bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Camel's REST DSL on platform-http, whichever engine serves it, answering {@code GET /api/v1/orders/{orderNumber}}
 * with the steps of the hub's warm order read: a request id, the bearer token's HS256 signature, audience, expiry and
 * scope checked, the order from a Caffeine cache, its owner compared with the token's subject (404 otherwise), the
 * projection to the order summary, Jackson. Not the hub's code: its per-request audit write and rate limiters are
 * left out, so this is what the chain costs on an HTTP stack at best. Also {@code GET /constant}, the REST DSL alone.
 * The same routes run on Vert.x ({@code bench.vertx.CamelOnVertx}) and on Spring MVC and Tomcat, the hub's stack
 * ({@code bench.tomcat.CamelOnTomcat}).
 */
public class OrderReadRoutes extends RouteBuilder {

    static final byte[] SECRET = "bench-only-hs256-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    record Order(String number, String customerId, String status, String carrier, String trackingUrl,
                 Instant updatedAt, List<String> items) {
    }

    record OrderSummary(String orderNumber, String status, String carrier, String trackingUrl, String updatedAt) {
    }

    private final Cache<String, Order> orders = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(5)).recordStats().build();
    // accepted tokens by their text, as the hub's VerifiedTokens: a chat backend sends the same one with every call
    private final Cache<String, JWTClaimsSet> verified = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    private final MACVerifier verifier;
    // as the hub's: absent fields left out
    private final ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public OrderReadRoutes() throws JOSEException {
        verifier = new MACVerifier(SECRET);
        orders.put("1001", new Order("1001", "207119551", "processing", null, null,
                Instant.parse("2008-01-10T16:00:00Z"), List.of("IPOD2008GREEN")));
    }

    /** A token for the order's customer, valid for 12 hours. */
    public static String token() throws JOSEException {
        Instant now = Instant.now();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("207119551").audience("switchboard").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(12)))).claim("scope", "orders:read").build());
        token.sign(new MACSigner(SECRET));
        return token.serialize();
    }

    @Override
    public void configure() {
        restConfiguration().component("platform-http");
        rest("/api/v1/orders").get("/{orderNumber}").produces("application/json").to("direct:order");
        rest("/constant").get().produces("application/json").to("direct:constant");
        from("direct:constant").setBody(constant(
                "{\"orderNumber\":\"1001\",\"status\":\"processing\",\"updatedAt\":\"2008-01-10T16:00:00Z\"}"));
        from("direct:order").process(this::readOrder);
    }

    private void readOrder(Exchange exchange) throws Exception {
        String requestId = exchange.getMessage().getHeader("X-Request-Id", String.class);
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        String number = exchange.getMessage().getHeader("orderNumber", String.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("X-Request-Id", requestId == null ? UUID.randomUUID().toString() : requestId);
        JWTClaimsSet claims = authorization != null && authorization.startsWith("Bearer ")
                ? claims(authorization.substring(7)) : null;
        if (claims == null || !claims.getAudience().contains("switchboard")
                || claims.getExpirationTime().before(new Date())) {
            problem(exchange, 401, "unauthenticated");
            return;
        }
        if (!List.of(claims.getStringClaim("scope").split(" ")).contains("orders:read")) {
            problem(exchange, 403, "forbidden");
            return;
        }
        Order order = orders.getIfPresent(number);
        if (order == null || !order.customerId().equals(claims.getSubject())) {
            problem(exchange, 404, "not_found");
            return;
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsBytes(new OrderSummary(order.number(), order.status(),
                order.carrier(), order.trackingUrl(), order.updatedAt().toString())));
    }

    private JWTClaimsSet claims(String token) throws Exception {
        JWTClaimsSet claims = verified.getIfPresent(token);
        if (claims == null) {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(verifier)) {
                return null;
            }
            claims = jwt.getJWTClaimsSet();
            verified.put(token, claims);
        }
        return claims;
    }

    private static void problem(Exchange exchange, int status, String code) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        exchange.getMessage().setBody("{\"status\":" + status + ",\"code\":\"" + code + "\"}");
    }
}
