package io.switchboard.catalog;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The catalog's database: a pool of its own (so a slow catalog cannot take the hub's connections) on
 * {@code switchboard.catalog.datasource.*}, or on the hub's database when no URL is set, with a statement timeout,
 * connection validation and the read-only check at startup ({@link ReadOnlyCheck}). Its pool reports Hikari's metrics
 * as the hub's does ({@code hikaricp_connections_*{pool="catalog"}}).
 */
@Component
public class CatalogDatabase implements DisposableBean {

    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** The SELECT-only role the hub's own database has for the catalog (V6__catalog.sql). */
    static final String HUB_DATABASE_ROLE = "switchboard_catalog_reader";

    private final String url;
    private final String username;
    private final String password;
    private final String role;
    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;

    public CatalogDatabase(DataSource hubDatabase, MeterRegistry meters, CatalogProperties properties)
            throws SQLException {
        CatalogProperties.Datasource settings = properties.datasource();
        if (settings.ownDatabase()) {
            url = settings.url();
            username = settings.username();
            password = settings.password();
        } else {
            HikariDataSource hub = hubDatabase.unwrap(HikariDataSource.class);
            url = hub.getJdbcUrl();
            username = blank(settings.username()) ? hub.getUsername() : settings.username();
            password = blank(settings.username()) ? hub.getPassword() : settings.password();
        }
        role = !blank(settings.role()) ? settings.role() : settings.ownDatabase() ? null : HUB_DATABASE_ROLE;
        if (role != null && !ROLE.matcher(role).matches()) {
            throw new IllegalStateException("switchboard.catalog.datasource.role is not a role name: " + role);
        }
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setPoolName("catalog");
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setReadOnly(true);
        // waiting for a connection is bounded like a query: a catalog that is down answers 503 soon
        pool.setConnectionTimeout(Math.max(250, settings.statementTimeout().toMillis()));
        pool.setValidationTimeout(settings.validationTimeout().toMillis());
        pool.setKeepaliveTime(settings.keepaliveTime().toMillis());
        // the hub starts while the catalog is down: products are 503 until it is back
        pool.setInitializationFailTimeout(-1);
        pool.setConnectionInitSql(sessionSql(settings));
        jdbc = new JdbcTemplate(pool);
        if (settings.checkReadOnly()) {
            new ReadOnlyCheck(this).run();
        }
    }

    private String sessionSql(CatalogProperties.Datasource settings) {
        String timeout = "SET statement_timeout = " + settings.statementTimeout().toMillis();
        return role == null ? timeout : "SET ROLE " + role + "; " + timeout;
    }

    /** The pool's reads: read-only connections, under the statement timeout. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /**
     * A connection outside the pool, with the catalog's login and role but in read-write transactions (LISTEN
     * needs no pool; the read-only check must not be stopped by the driver's read-only flag before the database
     * sees the write).
     */
    public Connection connect() throws SQLException {
        Properties credentials = new Properties();
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        Connection connection = DriverManager.getConnection(url, credentials);
        if (role != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET ROLE " + role);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /** Where the catalog is, for logs: the URL without credentials, and the login. */
    String describe() {
        return url.replaceAll("\\?.*", "") + " as " + (role != null ? "role " + role : "login " + username);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
