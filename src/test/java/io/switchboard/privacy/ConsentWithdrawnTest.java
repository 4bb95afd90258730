package io.switchboard.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.security.ApiKeys;
import io.switchboard.support.HubTest;
import io.switchboard.support.PrivacyClient;
import io.switchboard.support.Sandboxes;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Consent withdrawn while a CRM log waits on the queue: the job, when it runs, drops it and counts it. */
@HubTest
class ConsentWithdrawnTest {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry metrics;

    @Test
    void aQueuedLogForACustomerWhoWithdrewConsentIsDroppedAndCounted() throws Exception {
        PrivacyClient privacy = new PrivacyClient(port, keys.mint("privacy office", Set.of("privacy:admin"), null).secret());
        String customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
        Sandboxes.reset("hubspot");
        double before = withdrawn();
        camel.getRouteController().stopRoute("job-worker-crm-activity");
        String eventId;
        try {
            privacy.consent(customer, true, true);
            eventId = privacy.message(customer, "conv-" + customer, "log me, then do not");
            privacy.consent(customer, false, true);
        } finally {
            camel.getRouteController().startRoute("job-worker-crm-activity");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> withdrawn() > before);
        assertThat(jdbc.queryForObject("SELECT crm_activity_id IS NULL AND NOT crm_logging FROM conversation_events"
                + " WHERE id = ?", Boolean.class, eventId)).isTrue();
        Sandboxes.server("hubspot").verify(0, postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes")));
    }

    private double withdrawn() {
        var counter = metrics.find("switchboard.crm.activities").tag("outcome", "consent_withdrawn").counter();
        return counter == null ? 0 : counter.count();
    }
}
