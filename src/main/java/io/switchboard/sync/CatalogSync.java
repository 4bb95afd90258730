package io.switchboard.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.conflicts.FieldLedger;
import io.switchboard.errors.NotFound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the catalog's batch sync of one source: asks the source's page route
 * ({@code direct:sync.<source>.products.page}, routes/sync/) for the products changed since the source's
 * high-water mark, page after page, decides each product's fields by the {@code product} conflict rules
 * ({@link FieldLedger}, which writes what changed to the catalog through {@link CatalogWriter}), and keeps the run's
 * cursor after each page ({@link SyncStates}): a run that fails or is stopped is resumed from its next page by the
 * next run. A run holds the source's leader lock ({@link LeaderLock}): on every instance the schedule and the admin
 * API start runs, and one at a time does the work while the others skip.
 *
 * <p>Meters: {@code switchboard_sync_lag_seconds{source}} (since the start of the last complete run: changes older
 * than that are in the catalog), {@code switchboard_sync_rows_applied_total{source}} (products changed) and
 * {@code switchboard_sync_runs_total{source,outcome}} (completed, failed, skipped, stopped).
 */
@Component("catalogSync")
public class CatalogSync implements SmartLifecycle {

    /** What a run did. */
    public enum Outcome { COMPLETED, FAILED, SKIPPED, STOPPED }

    /** Exchange properties of the page routes. */
    public static final String SINCE = "syncSince";
    public static final String CURSOR = "syncCursor";
    public static final String PAGE_SIZE = "syncPageSize";

    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);
    private static final int MAX_ERROR = 300;

    private final CatalogSyncProperties settings;
    private final ProducerTemplate producer;
    private final FieldLedger ledger;
    private final SyncStates states;
    private final DataSource database;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService triggered = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "catalog-sync");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping = true;

    public CatalogSync(CatalogSyncProperties settings, ProducerTemplate producer, FieldLedger ledger,
                       SyncStates states, DataSource database, MeterRegistry meters) {
        this.settings = settings;
        this.producer = producer;
        this.ledger = ledger;
        this.states = states;
        this.database = database;
        this.meters = meters;
        for (String source : settings.sources()) {
            Gauge.builder("switchboard.sync.lag", () -> lagSeconds(source)).baseUnit("seconds")
                    .description("Seconds since the start of the source's last complete catalog sync")
                    .tag("source", source).register(meters);
        }
    }

    /** The sources synced ({@code switchboard.sync.catalog.sources}). */
    public List<String> sources() {
        return settings.sources();
    }

    /** Whether this instance is running a sync of the source now. */
    public boolean running(String source) {
        return running.contains(source);
    }

    /**
     * Starts a run of the source in the background, unless this instance runs one already.
     *
     * @return whether a run was started (it still skips when another instance holds the lock)
     * @throws NotFound for a source that is not synced
     */
    public boolean trigger(String source) {
        requireSource(source);
        if (stopping || running.contains(source)) {
            return false;
        }
        triggered.submit(() -> run(source));
        return true;
    }

    /** One run of the source, on the calling thread. */
    public Outcome run(String source) {
        requireSource(source);
        if (stopping || !running.add(source)) {
            return count(source, Outcome.SKIPPED);
        }
        try (LeaderLock lock = LeaderLock.tryAcquire(database, "catalog-sync:" + source)) {
            if (lock == null) {
                log.debug("Catalog sync of {} skipped: another instance runs it", source);
                return count(source, Outcome.SKIPPED);
            }
            return count(source, pages(source));
        } catch (Exception e) {
            log.warn("Catalog sync of {} failed: {}", source, e.toString());
            return count(source, Outcome.FAILED);
        } finally {
            running.remove(source);
        }
    }

    /** Under the lock: the run in progress resumed, or a new one, to its last page. */
    private Outcome pages(String source) {
        SyncState state = states.get(source);
        Instant since;
        String cursor;
        if (state.runInProgress()) {
            since = state.runSince();
            cursor = state.runCursor();
            states.resume(source, clock.instant());
            log.info("Catalog sync of {} resumes its run of {} at page {}", source, state.runStartedAt(), cursor);
        } else {
            since = state.highWaterMark();
            cursor = null;
            states.start(source, since, clock.instant());
        }
        try {
            do {
                if (stopping) {
                    states.stopped(source, "stopped", null, clock.instant());
                    return Outcome.STOPPED;
                }
                ProductPage page = fetch(source, since, cursor);
                int changed = 0;
                Instant highWater = null;
                for (SyncedProduct product : page.products()) {
                    if (ledger.apply(CatalogWriter.TYPE, product.sku(), source, product.fields(), product.updatedAt())
                            .changedAnything()) {
                        changed++;
                    }
                    highWater = highWater == null || product.updatedAt().isAfter(highWater) ? product.updatedAt()
                            : highWater;
                }
                states.pageDone(source, page.next(), highWater, changed);
                Counter.builder("switchboard.sync.rows.applied").description("Catalog products a sync changed")
                        .tag("source", source).register(meters).increment(changed);
                cursor = page.next();
            } while (cursor != null);
            states.finish(source, clock.instant());
            log.info("Catalog sync of {} completed", source);
            return Outcome.COMPLETED;
        } catch (RuntimeException e) {
            states.stopped(source, "failed", error(e), clock.instant());
            throw e;
        }
    }

    private ProductPage fetch(String source, Instant since, String cursor) {
        Exchange exchange = new DefaultExchange(producer.getCamelContext());
        exchange.setProperty(SINCE, since == null ? null : since.toString());
        exchange.setProperty(CURSOR, cursor);
        exchange.setProperty(PAGE_SIZE, settings.pageSize());
        Exchange done = producer.send("direct:sync." + source + ".products.page", exchange);
        if (done.getException() != null) {
            throw new IllegalStateException(source + " product page failed", done.getException());
        }
        ProductPage page = done.getMessage().getBody(ProductPage.class);
        if (page == null) {
            throw new IllegalStateException("direct:sync." + source + ".products.page answered no ProductPage");
        }
        return page;
    }

    /** What a failure is called in the state: the cause's type and message, never a vendor's body. */
    private static String error(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    private double lagSeconds(String source) {
        try {
            Instant syncedUntil = states.get(source).syncedUntil();
            return syncedUntil == null ? Double.NaN
                    : Duration.between(syncedUntil, clock.instant()).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void requireSource(String source) {
        if (!settings.sources().contains(source)) {
            throw new NotFound("Sync source " + source);
        }
    }

    private Outcome count(String source, Outcome outcome) {
        Counter.builder("switchboard.sync.runs").description("Catalog sync runs by outcome").tag("source", source)
                .tag("outcome", outcome.name().toLowerCase()).register(meters).increment();
        return outcome;
    }

    @Override
    public void start() {
        stopping = false;
    }

    /**
     * Stopped on shutdown in the last phase, with Camel's routes (which a run calls): a run under way ends after
     * its page in hand (or fails on it), its cursor kept, and the next run resumes it.
     */
    @Override
    public void stop() {
        stopping = true;
        triggered.shutdown();
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
