package io.switchboard.local;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Real PostgreSQL binaries from Maven Central, started for the local run and the tests ({@link EmbeddedPostgresStart},
 * as the context is created). The data directory is kept, so state survives restarts; Flyway migrates it like any
 * other database.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
@ConditionalOnProperty(name = "switchboard.local.postgres.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedPostgresConfiguration {

    /** The database {@link EmbeddedPostgresStart} started as the context was created, stopped with the context. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresStart.Starting starting) {
        return starting.take();
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
