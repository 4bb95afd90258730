package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile: clean by a Dockerfile linter (dockerfile-utils, the Docker language service's validator), and
 * built the way the deployment needs: a Maven wrapper build stage, a JRE runtime stage with Spring Boot's layers
 * and the JVM's ahead-of-time cache, a non-root user, routes/ inside, the heap sized by the container, a readiness
 * health check and java as PID 1.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("Dockerfile").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void dockerfileLintsClean() {
        ExternalTools.Result lint = lint(DOCKERFILE);

        assertThat(lint.ok()).as(lint.output()).isTrue();
    }

    @Test
    void theLinterRejectsAMistake() throws IOException {
        Path broken = temp.resolve("Dockerfile");
        Files.writeString(broken, Files.readString(DOCKERFILE)
                .replace("HEALTHCHECK --interval=10s", "HEALTHCHECK --intervall=10s")
                .replace("COPY --from=build /layers/application/", "COPY --frm=build /layers/application/"));

        ExternalTools.Result lint = lint(broken);

        assertThat(lint.ok()).isFalse();
        assertThat(lint.output()).contains("Unknown flag: intervall", "Unknown flag: frm");
    }

    @Test
    void buildsWithTheMavenWrapperAndRunsTheLayeredJarOnAJre() throws IOException {
        List<List<String>> stages = stages();

        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).get(0)).startsWith("FROM eclipse-temurin:17-jdk AS build");
        assertThat(stages.get(0)).anyMatch(i -> i.startsWith("RUN") && i.contains("./mvnw")
                && i.contains("-Djarmode=tools") && i.contains("extract --layers"));
        List<String> runtime = stages.get(1);
        // Java 25 for its ahead-of-time cache; the build stays on the Java 17 the code is written for
        assertThat(runtime.get(0)).isEqualTo("FROM eclipse-temurin:25-jre");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(runtime).contains("COPY --from=build /layers/" + layer + "/ ./");
        }
    }

    @Test
    void startsFromTheAheadOfTimeCacheItsTrainingRunWrote() throws IOException {
        List<String> runtime = stages().get(1);

        String training = runtime.stream().filter(i -> i.startsWith("RUN") && i.contains("-XX:AOTCacheOutput="))
                .findFirst().orElseThrow();
        assertThat(training).contains("-XX:AOTCacheOutput=/app/switchboard.aot", "-jar /app/switchboard.jar");
        // trained until ready (routes and web server in the cache too), then stopped, which writes the cache
        assertThat(training).doesNotContain("spring.context.exit")
                .contains("/actuator/health/readiness", "kill \"$training\"; wait \"$training\"");
        // the training runs on the same jar and class path as the entry point, or the JVM ignores the cache
        assertThat(runtime.indexOf(training)).isGreaterThan(runtime.indexOf("COPY --from=build /layers/application/ ./"));
        assertThat(last(runtime, "ENTRYPOINT ")).contains("\"-XX:AOTCache=/app/switchboard.aot\"",
                "\"-jar\", \"/app/switchboard.jar\"");
    }

    @Test
    void givesTheFreedNativeMemoryBackAtIdle() throws IOException {
        assertThat(last(stages().get(1), "ENTRYPOINT ")).contains("\"-XX:TrimNativeHeapInterval=5000\"");
    }

    @Test
    void runsAsNonRootWithJavaAsPidOneAndAReadinessHealthCheck() throws IOException {
        List<String> runtime = stages().get(1);

        String user = last(runtime, "USER ").substring("USER ".length());
        assertThat(user).matches("[1-9][0-9]*(:[1-9][0-9]*)?");
        // exec form: no shell in between, so SIGTERM reaches the JVM and the graceful shutdown runs
        assertThat(last(runtime, "ENTRYPOINT ")).startsWith("ENTRYPOINT [\"java\",");
        assertThat(last(runtime, "HEALTHCHECK ")).contains("curl", "/actuator/health/readiness");
        // the Java 25 base image carries no curl: the image installs the one its health check runs
        assertThat(runtime).anyMatch(i -> i.startsWith("RUN") && i.contains("apt-get install") && i.contains(" curl"));
        assertThat(last(runtime, "ENV ")).contains("-XX:MaxRAMPercentage=", "SPRING_PROFILES_ACTIVE=prod");
    }

    @Test
    void routesAreInsideTheImageWhereAMountCanReplaceThem() throws IOException {
        List<String> runtime = stages().get(1);

        assertThat(runtime).contains("COPY routes /app/routes");
        assertThat(last(runtime, "ENV ")).contains("CAMEL_MAIN_ROUTESINCLUDEPATTERN=\"file:/app/routes/**/*.camel.yaml\"");
    }

    @Test
    void dockerignoreLetsInWhatTheBuildCopies() throws IOException {
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
        assertThat(ignore).contains("*");

        for (String instruction : stages().stream().flatMap(List::stream).toList()) {
            if (instruction.startsWith("COPY ") && !instruction.contains("--from=")) {
                String[] words = instruction.split(" ");
                for (int i = 1; i < words.length - 1; i++) {
                    String source = words[i];
                    assertThat(ignore).as("%s is sent to the builder", source)
                            .anyMatch(line -> line.equals("!" + source) || line.equals("!" + source + "/"));
                }
            }
        }
    }

    private static ExternalTools.Result lint(Path dockerfile) {
        return ExternalTools.node("ops/validate", "dockerfile.mjs", dockerfile.toString());
    }

    /** The instructions of each stage, continuation lines joined, comments dropped. */
    private static List<List<String>> stages() throws IOException {
        List<List<String>> stages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            current.append(current.isEmpty() ? "" : " ").append(trimmed.endsWith("\\")
                    ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed);
            if (!trimmed.endsWith("\\")) {
                String instruction = current.toString();
                current.setLength(0);
                if (instruction.startsWith("FROM ")) {
                    stages.add(new ArrayList<>());
                }
                stages.get(stages.size() - 1).add(instruction);
            }
        }
        return stages;
    }

    private static String last(List<String> instructions, String prefix) {
        return instructions.stream().filter(i -> i.startsWith(prefix)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + prefix.strip() + " instruction"));
    }
}
