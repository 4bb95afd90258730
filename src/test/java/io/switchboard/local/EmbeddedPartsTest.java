package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import jakarta.jms.DeliveryMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/** The hub boots on real parts: an embedded Artemis writing a journal, and real PostgreSQL binaries. */
@HubTest
class EmbeddedPartsTest {

    @Autowired
    JmsTemplate jms;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EmbeddedActiveMQ broker;

    @Value("${spring.artemis.embedded.data-directory}")
    Path artemisData;

    @Test
    void aPersistentMessageGoesThroughTheBrokersJournal() throws IOException {
        String queue = "test.journal." + UUID.randomUUID();
        String payload = "order 1001 shipped " + UUID.randomUUID();
        jms.setDeliveryPersistent(true);
        jms.setExplicitQosEnabled(true);
        jms.setDeliveryMode(DeliveryMode.PERSISTENT);
        jms.setReceiveTimeout(5_000);

        jms.convertAndSend(queue, payload);

        assertThat(jms.receiveAndConvert(queue)).isEqualTo(payload);
        try (Stream<Path> journal = Files.list(artemisData.resolve("journal"))) {
            assertThat(journal.filter(file -> file.toString().endsWith(".amq"))).isNotEmpty();
        }
    }

    /** Beyond switchboard.local.broker.global-max-size (16 MB) a backlog goes to disk, not into the hub's heap. */
    @Test
    void aBacklogBeyondTheMemoryBoundIsPagedToDiskAndLosesNothing() throws Exception {
        String queue = "test.backlog." + UUID.randomUUID();
        byte[] body = new byte[64 * 1024];   // below Artemis' large-message size, which is kept on disk anyway
        jms.setDeliveryPersistent(true);
        jms.setExplicitQosEnabled(true);
        jms.setDeliveryMode(DeliveryMode.PERSISTENT);
        jms.setReceiveTimeout(5_000);

        for (int i = 0; i < 400; i++) {   // 25 MB
            jms.convertAndSend(queue, body);
        }

        assertThat(broker.getActiveMQServer().getPagingManager().getPageStore(SimpleString.of(queue)).isPaging())
                .isTrue();
        for (int i = 0; i < 400; i++) {
            assertThat(jms.receiveAndConvert(queue)).as("message %d", i).isEqualTo(body);
        }
    }

    @Test
    void queriesARealPostgreSqlServer() {
        String version = jdbc.queryForObject("select version()", String.class);
        Integer answer = jdbc.queryForObject("select ? + 1", Integer.class, 41);

        assertThat(version).startsWith("PostgreSQL ");
        assertThat(answer).isEqualTo(42);
    }
}
