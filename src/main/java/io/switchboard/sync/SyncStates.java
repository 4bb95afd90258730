package io.switchboard.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The sync's progress per source in the hub's database ({@code sync_state}), written after every page. */
@Component
public class SyncStates {

    private final JdbcTemplate jdbc;

    public SyncStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SyncState get(String source) {
        jdbc.update("INSERT INTO sync_state (source) VALUES (?) ON CONFLICT (source) DO NOTHING", source);
        return jdbc.query("SELECT * FROM sync_state WHERE source = ?", (rs, n) -> state(rs), source).get(0);
    }

    public List<SyncState> all() {
        return jdbc.query("SELECT * FROM sync_state ORDER BY source", (rs, n) -> state(rs));
    }

    /** A new run, from the source's high-water mark. */
    public void start(String source, Instant since, Instant now) {
        jdbc.update("UPDATE sync_state SET run_started_at = ?, run_since = ?, run_cursor = NULL, run_high_water = NULL,"
                + " run_rows = 0, last_started_at = ? WHERE source = ?", ts(now), ts(since), ts(now), source);
    }

    /** A run cut short goes on. */
    public void resume(String source, Instant now) {
        jdbc.update("UPDATE sync_state SET last_started_at = ? WHERE source = ?", ts(now), source);
    }

    /** A page is applied: the run goes on from {@code next}. */
    public void pageDone(String source, String next, Instant pageHighWater, int rows) {
        jdbc.update("UPDATE sync_state SET run_cursor = ?, run_rows = run_rows + ?,"
                + " run_high_water = GREATEST(run_high_water, ?) WHERE source = ?", next, rows, ts(pageHighWater),
                source);
    }

    /** The run's last page is applied: its high-water mark becomes the source's. */
    public void finish(String source, Instant now) {
        jdbc.update("UPDATE sync_state SET high_water_mark = COALESCE(run_high_water, high_water_mark),"
                + " synced_until = run_started_at, last_finished_at = ?, last_outcome = 'completed',"
                + " last_rows = run_rows, last_error = NULL, run_started_at = NULL, run_since = NULL, run_cursor = NULL,"
                + " run_high_water = NULL, run_rows = 0 WHERE source = ?", ts(now), source);
    }

    /** The run stopped (failed, or the hub is shutting down): it is kept, to be resumed by the next. */
    public void stopped(String source, String outcome, String error, Instant now) {
        jdbc.update("UPDATE sync_state SET last_finished_at = ?, last_outcome = ?, last_rows = run_rows,"
                + " last_error = ? WHERE source = ?", ts(now), outcome, error, source);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static SyncState state(ResultSet rs) throws SQLException {
        return new SyncState(rs.getString("source"), instant(rs, "high_water_mark"), instant(rs, "synced_until"),
                instant(rs, "run_started_at"), instant(rs, "run_since"), rs.getString("run_cursor"),
                rs.getInt("run_rows"), instant(rs, "last_started_at"), instant(rs, "last_finished_at"),
                rs.getString("last_outcome"), (Integer) rs.getObject("last_rows"), rs.getString("last_error"));
    }
}
