package io.switchboard.catalog;

import io.switchboard.errors.NotFound;
import io.switchboard.model.Money;
import io.switchboard.model.Product;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads products from the internal catalog ({@link CatalogDatabase}: its own pool, a read-only login, a statement
 * timeout), by parameterized queries only.
 */
@Component("catalogReader")
public class CatalogReader {

    private static final String PRODUCT = "SELECT p.sku, p.name, p.price, p.currency, COALESCE(i.on_hand, 0) AS on_hand,"
            + " GREATEST(p.updated_at, COALESCE(i.updated_at, p.updated_at)) AS updated_at"
            + " FROM catalog.products p LEFT JOIN catalog.inventory i ON i.sku = p.sku WHERE p.sku = ?";

    private final JdbcTemplate jdbc;

    public CatalogReader(CatalogDatabase database) {
        this.jdbc = database.jdbc();
    }

    public Product product(String sku) {
        List<Product> found = jdbc.query(PRODUCT, (rs, n) -> new Product(
                rs.getString("sku"),
                rs.getString("name"),
                new Money(rs.getBigDecimal("price").toPlainString(), rs.getString("currency")),
                rs.getInt("on_hand") > 0,
                rs.getTimestamp("updated_at", java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")))
                        .toInstant()), sku);
        if (found.isEmpty()) {
            throw new NotFound("Product " + sku);
        }
        return found.get(0);
    }

    /** The catalog's own connections, for tests of the role and the timeout. */
    JdbcTemplate jdbc() {
        return jdbc;
    }
}
