package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.SwitchedHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local run's route reload (application-local.yaml: routes read from a folder and reloaded when a file there
 * changes), on a hub of its own reading a copy of routes/: a route file added while the hub runs is served, and an
 * edit of it replaces it, without a restart.
 */
class RouteReloadTest {

    @TempDir
    static Path data;
    @TempDir
    static Path routes;
    static ConfigurableApplicationContext hub;

    @BeforeAll
    static void startHubOnACopyOfTheRoutes() throws IOException {
        Path source = Path.of("routes");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".camel.yaml")).toList()) {
                Path copy = routes.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        hub = SwitchedHub.start(data, "camel.main.routes-include-pattern=file:" + routes + "/**/*.camel.yaml",
                "camel.main.routes-reload-enabled=true", "camel.main.routes-reload-directory=" + routes);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void aRouteFileAddedAndThenEditedWhileTheHubRunsIsServedAsEdited() throws IOException {
        CamelContext camel = hub.getBean(CamelContext.class);
        ProducerTemplate calls = camel.createProducerTemplate();
        Path probe = routes.resolve("api/reload-probe.camel.yaml");
        int started = camel.getRoutes().size();

        Files.writeString(probe, probe("first"));
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("reload-probe") != null);
        assertThat(calls.requestBody("direct:reload.probe", "", String.class)).isEqualTo("first");

        Files.writeString(probe, probe("edited"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(calls.requestBody("direct:reload.probe", "", String.class)).isEqualTo("edited"));
        // the routes the hub started with are all still there, beside the one added
        assertThat(camel.getRoutes()).hasSize(started + 1);
    }

    private static String probe(String answer) {
        return """
                - route:
                    id: reload-probe
                    from:
                      uri: direct:reload.probe
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(answer);
    }
}
