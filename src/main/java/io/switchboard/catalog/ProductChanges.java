package io.switchboard.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.messaging.BackgroundLoop;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Evicts a product from this instance's cache as soon as its row changes: the catalog's triggers
 * {@code pg_notify('catalog_product_changed', sku)} in the catalog's database, and every instance listens on a
 * connection of its own with the catalog's login
 * (reopened after a failure). Products are cached for hours, so this is what keeps them current.
 */
@Component
public class ProductChanges extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ProductChanges.class);
    static final String CHANNEL = "catalog_product_changed";

    private final CatalogDatabase catalog;
    private final Cache<String, ?> productCache;

    public ProductChanges(CatalogDatabase catalog, @Qualifier("productCache") Cache<String, ?> productCache) {
        super("catalog-changes", 1);
        this.catalog = catalog;
        this.productCache = productCache;
    }

    @Override
    protected void work() {
        while (isRunning()) {
            try (Connection connection = catalog.connect()) {
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
