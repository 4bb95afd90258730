package io.switchboard.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.security.ApiKeys;
import io.switchboard.support.PrivacyClient;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.SwitchedHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An erasure across a restart: the hub stopped while a vendor (Freshdesk) is down and its part failed, started again
 * on the same data, finishes the job from the broker, and no vendor is asked twice, not even when the erasure is
 * asked again afterwards.
 */
class ErasureRestartTest {

    @TempDir
    Path data;

    @AfterEach
    void restore() {
        Sandboxes.reset("freshdesk");
        Sandboxes.reset("hubspot");
    }

    @Test
    void theJobResumesAfterARestartAndEachVendorIsAskedOnce() throws Exception {
        Sandboxes.reset("hubspot");
        Sandboxes.reset("freshdesk");
        String customer = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        String requestId;
        try (ConfigurableApplicationContext first = start()) {
            PrivacyClient privacy = client(first);
            privacy.message(customer, "conv-" + customer, "stored before the erasure");
            Sandboxes.stop("freshdesk");

            requestId = privacy.erased(customer);

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(privacy.status(requestId, "freshdesk"))
                    && "completed".equals(privacy.status(requestId, "hubspot")));
            assertThat(privacy.status(requestId, "switchboard")).isEqualTo("completed");
        }
        Sandboxes.reset("freshdesk");
        try (ConfigurableApplicationContext second = start()) {
            PrivacyClient privacy = client(second);

            await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(privacy.status(requestId, "freshdesk")));
            await().atMost(Duration.ofSeconds(10)).until(() -> privacy.request(requestId).hasNonNull("completedAt"));
            assertThat(privacy.erased(customer)).as("asked again: the same request").isEqualTo(requestId);
            await().atMost(Duration.ofSeconds(10)).until(() -> privacy.request(requestId).hasNonNull("completedAt"));
        }
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/gdpr-delete"))
                .withRequestBody(matchingJsonPath("$.objectId", equalTo(customer))));
        Sandboxes.server("freshdesk").verify(1,
                deleteRequestedFor(urlPathEqualTo("/api/v2/contacts/" + customer + "/hard_delete")));
    }

    private ConfigurableApplicationContext start() {
        return SwitchedHub.start(data, "switchboard.helpdesk.provider=freshdesk");
    }

    private static PrivacyClient client(ConfigurableApplicationContext hub) {
        String key = hub.getBean(ApiKeys.class).mint("privacy office", Set.of("privacy:admin"), null).secret();
        return new PrivacyClient(SwitchedHub.port(hub), key);
    }
}
