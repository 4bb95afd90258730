package io.switchboard.local;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Real PostgreSQL binaries from Maven Central, started in-process for the local run and the tests. The data
 * directory is kept, so state survives restarts; Flyway migrates it like any other database.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
@ConditionalOnProperty(name = "switchboard.local.postgres.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(LocalProperties local) throws IOException {
        LocalProperties.Postgres settings = local.postgres();
        Files.createDirectories(settings.dataDirectory());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(settings.dataDirectory())
                .setCleanDataDirectory(false)
                .setPort(settings.port())
                // the library turns it off for speed; a committed row must survive a crash like in production
                .setServerConfig("synchronous_commit", "on")
                // stopped with the context (destroyMethod), after the workers' last batch: the library's own JVM
                // shutdown hook would stop it at once on SIGTERM, in the middle of the hub's graceful shutdown
                .setRegisterShutdownHook(false)
                .start();
        log.info("Embedded PostgreSQL on port {}, data in {}", postgres.getPort(), settings.dataDirectory());
        return postgres;
    }

    /** The pool as production's: {@code spring.datasource.hikari.*} (size, waits) bound over these defaults. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("switchboard");
        dataSource.setMaximumPoolSize(10);
        // batches (audit entries, receipts, outbox rows) go as multi-row inserts: one statement, not one per row
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        return dataSource;
    }
}
