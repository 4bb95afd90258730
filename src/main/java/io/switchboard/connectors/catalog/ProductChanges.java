package io.switchboard.connectors.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.jobs.BackgroundLoop;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Evicts a product from this instance's cache as soon as its row changes: the catalog's triggers
 * {@code pg_notify('catalog_product_changed', sku)}, and every instance listens on a connection of its own
 * (reopened after a failure). Products are cached for hours, so this is what keeps them current.
 */
@Component
public class ProductChanges extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ProductChanges.class);
    static final String CHANNEL = "catalog_product_changed";

    private final HikariDataSource hub;
    private final Cache<String, ?> productCache;

    public ProductChanges(DataSource hubDatabase, @Qualifier("productCache") Cache<String, ?> productCache)
            throws SQLException {
        super("catalog-changes", 1);
        this.hub = hubDatabase.unwrap(HikariDataSource.class);
        this.productCache = productCache;
    }

    @Override
    protected void work() {
        while (isRunning()) {
            Properties credentials = new Properties();
            credentials.setProperty("user", hub.getUsername());
            if (hub.getPassword() != null) {
                credentials.setProperty("password", hub.getPassword());
            }
            try (Connection connection = DriverManager.getConnection(hub.getJdbcUrl(), credentials)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                productCache.invalidateAll();   // changes missed while not listening
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (isRunning()) {
                    PGNotification[] notifications = postgres.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            productCache.invalidate(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (isRunning()) {
                    log.warn("Catalog change listener lost its connection, reconnecting: {}", e.getMessage());
                    pause(1_000);
                }
            }
        }
    }
}
