package io.switchboard.sync;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.conflicts.FieldTarget;
import io.switchboard.catalog.CatalogProperties;
import io.switchboard.conflicts.FieldValue;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes decided product values into the catalog ({@code catalog.products}, {@code catalog.inventory}) with the
 * sync's own login ({@code switchboard.sync.catalog.writer.*}), apart from the read-only one the API reads with. Only
 * a change is written, so only a change fires the catalog's notification and evicts the product from every
 * instance's cache ({@code ProductChanges}). Where the API reads a catalog database of its own, the sync must be told
 * how to write it: the hub stops at startup otherwise.
 */
@Component
public class CatalogWriter implements FieldTarget, DisposableBean {

    public static final String TYPE = "product";

    private static final String PRODUCT = "INSERT INTO catalog.products (sku, name, price, currency, updated_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, price = EXCLUDED.price,"
            + " currency = EXCLUDED.currency, updated_at = EXCLUDED.updated_at";
    private static final String STOCK = "INSERT INTO catalog.inventory (sku, on_hand, updated_at)"
            + " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM catalog.products WHERE sku = ?)"
            + " ON CONFLICT (sku) DO UPDATE SET on_hand = EXCLUDED.on_hand, updated_at = EXCLUDED.updated_at";

    private final JdbcTemplate jdbc;
    private final HikariDataSource ownPool;
    private final String currency;

    public CatalogWriter(DataSource hubDatabase, CatalogSyncProperties properties, CatalogProperties catalog) {
        CatalogSyncProperties.Writer writer = properties.writer();
        if (!properties.sources().isEmpty() && catalog.datasource().ownDatabase() && !writer.ownDatabase()) {
            // the API would read a catalog the sync never writes
            throw new IllegalStateException("switchboard.catalog.datasource.url names a catalog database of its own:"
                    + " set switchboard.sync.catalog.writer.url (and a login that may write it) for the sync");
        }
        if (writer.ownDatabase()) {
            ownPool = new HikariDataSource();
            ownPool.setJdbcUrl(writer.url());
            ownPool.setUsername(writer.username());
            ownPool.setPassword(writer.password());
            ownPool.setPoolName("catalog-writer");
            ownPool.setMaximumPoolSize(writer.poolSize());
            ownPool.setInitializationFailTimeout(-1);
            jdbc = new JdbcTemplate(ownPool);
        } else {
            ownPool = null;
            jdbc = new JdbcTemplate(hubDatabase);
        }
        this.currency = properties.currency();
    }

    @Override
    public String dataType() {
        return TYPE;
    }

    @Override
    public void write(String sku, Set<String> changed, Map<String, FieldValue> record) {
        FieldValue name = record.get(SyncedProduct.NAME);
        FieldValue price = record.get(SyncedProduct.PRICE);
        if ((changed.contains(SyncedProduct.NAME) || changed.contains(SyncedProduct.PRICE))
                && name != null && price != null && name.value() != null && price.value() != null) {
            jdbc.update(PRODUCT, sku, name.value(), new BigDecimal(price.value()), currency,
                    Timestamp.from(latest(name, price)));
        }
        FieldValue onHand = record.get(SyncedProduct.ON_HAND);
        if (changed.contains(SyncedProduct.ON_HAND) && onHand != null && onHand.value() != null) {
            jdbc.update(STOCK, sku, Integer.parseInt(onHand.value()), Timestamp.from(onHand.timestamp()), sku);
        }
    }

    private static Instant latest(FieldValue... values) {
        return Stream.of(values).filter(Objects::nonNull).map(FieldValue::timestamp).max(Instant::compareTo)
                .orElseGet(Instant::now);
    }

    @Override
    public void destroy() {
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
