package io.switchboard.sync;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.sync.catalog.*}: the catalog's batch sync from the order platforms.
 *
 * @param sources  the platforms synced, each with its page route {@code direct:sync.<source>.products.page}
 *                 ({@code shopify}, {@code woocommerce}); none: no sync
 * @param every    how often each source is synced
 * @param delay    the first scheduled sync, this long after startup
 * @param pageSize products asked for per page
 * @param currency the currency of the platforms' prices (the shop's currency: product APIs do not name it)
 * @param writer   the login the sync writes the catalog with
 */
@ConfigurationProperties("switchboard.sync.catalog")
public record CatalogSyncProperties(
        @DefaultValue List<String> sources,
        @DefaultValue("1h") Duration every,
        @DefaultValue("1m") Duration delay,
        @DefaultValue("100") int pageSize,
        @DefaultValue("USD") String currency,
        @DefaultValue Writer writer) {

    /**
     * {@code switchboard.sync.catalog.writer.*}: a login that may write the catalog's tables, kept apart from the
     * read-only one the API reads with ({@code switchboard.catalog.datasource.*}).
     *
     * @param url      JDBC URL of the catalog database; blank: the hub's own database with the hub's login (which
     *                 owns the catalog schema there, as in the local run)
     * @param username a login with INSERT and UPDATE on catalog.products and catalog.inventory
     * @param password its password, from the environment
     * @param poolSize connections of the writer's pool
     */
    public record Writer(String url, String username, String password, @DefaultValue("2") int poolSize) {

        public boolean ownDatabase() {
            return url != null && !url.isBlank();
        }
    }
}
