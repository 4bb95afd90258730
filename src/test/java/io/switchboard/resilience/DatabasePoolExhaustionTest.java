package io.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With every connection of the hub's database pool taken, a chat request that needs the database waits for one no
 * longer than the pool's connection timeout and gets the contract's 503 upstream_unavailable with Retry-After, not a
 * 500; once connections are free again, the same request is accepted.
 */
@HubTest
class DatabasePoolExhaustionTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void aRequestFindingThePoolExhaustedGets503AndTheNextOneAfterIsAccepted() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        long timeout = pool.getConnectionTimeout();
        String conversation = "pool-" + UUID.randomUUID();
        List<Connection> held = new ArrayList<>();
        HttpResponse<String> starved;
        try {
            // every connection, waiting for the ones the hub's own loops are using at this moment
            while (held.size() < pool.getMaximumPoolSize()) {
                held.add(pool.getConnection());
            }
            pool.getHikariConfigMXBean().setConnectionTimeout(250);
            starved = postEvent(conversation);
        } finally {
            pool.getHikariConfigMXBean().setConnectionTimeout(timeout);
            for (Connection connection : held) {
                connection.close();
            }
        }

        assertThat(starved.statusCode()).as(starved.body()).isEqualTo(503);
        assertThat(starved.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(starved.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = new ObjectMapper().readTree(starved.body());
        assertThat(problem.path("code").asText()).isEqualTo("upstream_unavailable");
        assertThat(problem.path("source").asText()).isEqualTo("database");

        HttpResponse<String> after = postEvent(conversation);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
    }

    private HttpResponse<String> postEvent(String conversation) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conversations/"
                        + conversation + "/events"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "conversations:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\",\"role\":\"customer\","
                        + "\"text\":\"Where is my order?\",\"at\":\"2026-11-24T06:00:00Z\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
