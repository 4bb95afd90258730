package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import jakarta.jms.DeliveryMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
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

    @Test
    void queriesARealPostgreSqlServer() {
        String version = jdbc.queryForObject("select version()", String.class);
        Integer answer = jdbc.queryForObject("select ? + 1", Integer.class, 41);

        assertThat(version).startsWith("PostgreSQL ");
        assertThat(answer).isEqualTo(42);
    }
}
