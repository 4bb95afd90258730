package io.switchboard.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.switchboard.security.ApiKeys;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.observation.MicrometerObservationTracer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A chat API request's trace continues onto the vendor calls it causes, directly or through a job on the broker: the
 * vendor receives a W3C traceparent of the request's trace. A webhook delivery's processing, on a worker after the
 * broker, continues the trace the vendor's request started.
 */
@HubTest
class TracePropagationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    /** Camel's route and endpoint observations, on the registry the Camel tracer has of its own. */
    @Autowired
    MicrometerObservationTracer camelTracer;

    @Autowired
    ConnectionFactory connections;

    @Test
    void theVendorReceivesTheRequestsTraceId() throws Exception {
        Sandboxes.reset("shopify");
        String traceId = random(16);
        // an order number not read before, so that the answer is not from the cache
        String order = String.valueOf(800000 + ThreadLocalRandom.current().nextInt(99999));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/orders/" + order))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"))
                .header("traceparent", "00-" + traceId + "-" + random(8) + "-01").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isIn(200, 404);
        List<LoggedRequest> calls = Sandboxes.server("shopify")
                .findAll(getRequestedFor(urlPathMatching("/admin/api/.*/orders.json")));
        assertThat(calls).isNotEmpty().allSatisfy(call ->
                assertThat(call.getHeader("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]"));
    }

    @Test
    void aJobHandedOverThroughTheBrokerContinuesTheRequestsTrace() throws Exception {
        Sandboxes.reset("hubspot");
        String customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
        String privacyKey = keys.mint("trace test", Set.of("privacy:admin"), null).secret();
        HttpResponse<String> consent = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/privacy/customers/" + customer + "/consent"))
                .header("X-Api-Key", privacyKey).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"crmLogging\":true,\"transcriptStorage\":true,"
                        + "\"marketing\":false}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
        String traceId = random(16);

        // the event is stored with an outbox row; the relay puts the crm-activity job on the broker, whose worker
        // logs the event to HubSpot
        HttpResponse<String> event = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/conversations/conv-" + UUID.randomUUID() + "/events"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(customer, "conversations:write"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + random(8) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\",\"role\":\"customer\","
                        + "\"text\":\"Where is my parcel?\",\"at\":\"2026-05-01T10:00:00Z\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(event.statusCode()).as(event.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Sandboxes.server("hubspot")
                .findAll(postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes"))))
                .anySatisfy(call -> assertThat(call.getHeader("traceparent"))
                        .matches("00-" + traceId + "-[0-9a-f]{16}-0[01]")));
    }

    @Test
    void aWebhookDeliveryIsProcessedInTheTraceOfTheVendorsRequest() throws Exception {
        String traceId = random(16);
        Set<String> inTrace = ConcurrentHashMap.newKeySet();
        camelTracer.getObservationRegistry().observationConfig().observationHandler(new InTrace(traceId, inTrace));

        try (Connection connection = connections.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("switchboard.events"));
            connection.start();

            HttpResponse<String> delivery = Webhooks.postStandard(port, "acme", "msg_trace_" + UUID.randomUUID(),
                    "{\"type\":\"invoice.paid\"}", "traceparent", "00-" + traceId + "-" + random(8) + "-01");
            assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(200);

            // the door records no span of its own: what the trace holds is the worker's processing of the delivery
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(inTrace)
                    .as("observations in the vendor's trace, by thread").anyMatch(seen ->
                            seen.startsWith("webhook-worker") && seen.contains("webhooks.process")));
            // and what the delivery publishes, written for its whole batch, is relayed in the delivery's trace
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String published = null;
            while (published == null && System.nanoTime() < until) {
                Message event = events.receive(1000);
                String traceparent = event == null ? null : event.getStringProperty("traceparent");
                if (traceparent != null && traceparent.startsWith("00-" + traceId + "-")) {
                    published = traceparent;
                }
            }
            assertThat(published).as("the event the delivery published, in its trace").isNotNull();
        }
    }

    /** Notes the observations started in one trace, as "thread: name", whatever else the hub observes meanwhile. */
    private record InTrace(String traceId, Set<String> seen) implements ObservationHandler<Observation.Context> {

        @Override
        public void onStart(Observation.Context context) {
            TracingObservationHandler.TracingContext tracing =
                    context.get(TracingObservationHandler.TracingContext.class);
            if (tracing != null && tracing.getSpan() != null
                    && traceId.equals(tracing.getSpan().context().traceId())) {
                seen.add(Thread.currentThread().getName() + ": " + context.getName() + " "
                        + context.getContextualName());
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }

    private static String random(int bytes) {
        byte[] id = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 1;   // never all zeros, which W3C forbids
        return HexFormat.of().formatHex(id);
    }
}
