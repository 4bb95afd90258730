package io.switchboard.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the local run's embedded PostgreSQL as the application context is created, on a thread of its own, so that
 * the database starts while the hub's beans are defined and created; {@link EmbeddedPostgresConfiguration}'s bean
 * takes it (waiting if it is not up yet) and stops it with the context. A start that fails before that stops it here.
 */
public class EmbeddedPostgresStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN = "embeddedPostgresStart";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresStart.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.matchesProfiles("local")
                || !environment.getProperty("switchboard.local.postgres.enabled", Boolean.class, true)) {
            return;
        }
        LocalProperties.Postgres settings = Binder.get(environment)
                .bindOrCreate("switchboard.local.postgres", LocalProperties.Postgres.class);
        Starting starting = new Starting(CompletableFuture.supplyAsync(() -> start(settings),
                task -> new Thread(task, "postgres-start").start()));
        context.getBeanFactory().registerSingleton(BEAN, starting);
        context.addApplicationListener(event -> {
            if (event instanceof ApplicationFailedEvent) {
                starting.closeUnlessTaken();
            }
        });
    }

    private static EmbeddedPostgres start(LocalProperties.Postgres settings) {
        try {
            Files.createDirectories(settings.dataDirectory());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(settings.dataDirectory())
                    .setCleanDataDirectory(false)
                    .setPort(settings.port())
                    // the library turns it off for speed; a committed row must survive a crash like in production
                    .setServerConfig("synchronous_commit", "on")
                    // stopped with the context (EmbeddedPostgresConfiguration), after the workers' last batch: the
                    // library's own JVM shutdown hook would stop it at once on SIGTERM, in the middle of the hub's
                    // graceful shutdown
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL on port {}, data in {}", postgres.getPort(), settings.dataDirectory());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** The database being started: taken once by the context's bean, which then owns (and stops) it. */
    static final class Starting {

        private final CompletableFuture<EmbeddedPostgres> postgres;
        private final AtomicBoolean taken = new AtomicBoolean();

        private Starting(CompletableFuture<EmbeddedPostgres> postgres) {
            this.postgres = postgres;
        }

        /** The started database, once it accepts connections; its start's failure as the cause. */
        EmbeddedPostgres take() {
            taken.set(true);
            try {
                return postgres.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        private void closeUnlessTaken() {
            if (taken.compareAndSet(false, true)) {
                postgres.thenAccept(started -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        log.warn("Embedded PostgreSQL not stopped: {}", e.getMessage());
                    }
                }).exceptionally(failed -> null).join();
            }
        }
    }
}
