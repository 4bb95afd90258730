# Switchboard's image: built from source with the Maven wrapper (Java 17 bytecode), run on a Java 25 JRE for its
# ahead-of-time cache, as a non-root user.
#   docker build -t switchboard .
# Runs the production profile: it stops at once naming each missing setting (docs/operations.md lists them).

# --- build: the packaged jar, split into Spring Boot's layers (dependencies change less often than the code)
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src/main src/main
COPY routes routes
# Maven's downloads stay in BuildKit's cache between builds
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q package -Dmaven.test.skip=true \
    && cp target/switchboard-*.jar switchboard.jar \
    && java -Djarmode=tools -jar switchboard.jar extract --layers --destination /layers

# --- run
FROM eclipse-temurin:25-jre
# curl for the health check below (the Java 25 images no longer carry it)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 switchboard \
    && useradd --system --uid 10001 --gid switchboard --home-dir /app --no-create-home --shell /usr/sbin/nologin switchboard
WORKDIR /app
# least to most often changed, one image layer each
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# the routes integration engineers edit: read from here, so that a mount over /app/routes replaces them
COPY routes /app/routes
# the JVM's ahead-of-time cache (Java 25; it supersedes class data sharing): a training run starts the hub in the
# local profile (everything embedded, nothing to reach) until it is ready, routes and web server included, and is
# then stopped; at its exit the JVM writes the classes it loaded and linked, and its methods' profiles, to a cache that
# every start then maps instead of loading, verifying and profiling them again (docs/benchmarks.md, "The start as
# deployed"). A failed training leaves no cache, and the JVM logs that and starts without one
RUN java -XX:AOTCacheOutput=/app/switchboard.aot -jar /app/switchboard.jar \
        --spring.profiles.active=local --switchboard.local.sandbox.enabled=false \
        --switchboard.local.postgres.data-directory=/tmp/aot/postgres \
        --spring.artemis.embedded.data-directory=/tmp/aot/artemis --switchboard.local.broker.tcp-port=0 \
        --camel.main.routes-reload-enabled=false > /tmp/aot-training.log 2>&1 & \
    training=$!; \
    for _ in $(seq 300); do \
        curl -fs -o /dev/null http://127.0.0.1:8080/actuator/health/readiness && break; \
        kill -0 "$training" 2>/dev/null || break; \
        sleep 1; \
    done; \
    kill "$training"; wait "$training"; \
    [ -f /app/switchboard.aot ] || echo "AOT cache training failed, no cache: $(tail -5 /tmp/aot-training.log)"; \
    rm -rf /tmp/aot /tmp/aot-training.log /tmp/embedded-pg

# production unless told otherwise; the heap is 60 % of the container's memory limit (the rest: metaspace, threads,
# code cache, network buffers), and an out-of-memory JVM exits (to be restarted) rather than limping on
ENV SPRING_PROFILES_ACTIVE=prod \
    CAMEL_MAIN_ROUTESINCLUDEPATTERN="file:/app/routes/**/*.camel.yaml" \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
EXPOSE 8080
# ready = the hub's own parts (broker, database) are up; a vendor outage does not make it unhealthy. Health is on
# the management port when one is set (MANAGEMENT_SERVER_PORT), else on the API's
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}/actuator/health/readiness" || exit 1
# exec form: java is PID 1 and gets SIGTERM itself, then shuts down gracefully (server.shutdown=graceful)
STOPSIGNAL SIGTERM
# the C heap's freed memory goes back to the system every 5 s: glibc keeps it otherwise, 20 to 30 MiB of an idle
# instance's 320 MiB resident (docs/benchmarks.md)
ENTRYPOINT ["java", "-XX:AOTCache=/app/switchboard.aot", "-XX:TrimNativeHeapInterval=5000", "-jar", "/app/switchboard.jar"]
