package io.switchboard.connectors.catalog;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The internal catalog's own pool (so a slow catalog cannot take the hub's connections): the hub database's address
 * and user, the read-only role and a statement timeout on every connection. A bean, so that Spring Boot exports its
 * Hikari metrics ({@code hikaricp_connections_*{pool="catalog"}}) as it does the hub's; not a default candidate, so
 * that the hub's own {@code DataSource} stays the one everything else is given.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogPool {

    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    @Bean(name = "catalogDataSource", defaultCandidate = false, destroyMethod = "close")
    HikariDataSource catalogDataSource(DataSource hubDatabase, CatalogProperties properties) throws SQLException {
        if (!ROLE.matcher(properties.role()).matches()) {
            throw new IllegalStateException("switchboard.catalog.role is not a role name: " + properties.role());
        }
        HikariDataSource hub = hubDatabase.unwrap(HikariDataSource.class);
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(hub.getJdbcUrl());
        pool.setUsername(hub.getUsername());
        pool.setPassword(hub.getPassword());
        pool.setPoolName("catalog");
        pool.setMaximumPoolSize(properties.poolSize());
        pool.setReadOnly(true);
        pool.setConnectionInitSql("SET ROLE " + properties.role() + "; SET statement_timeout = "
                + properties.statementTimeout().toMillis());
        return pool;
    }
}
