package io.switchboard.sync;

import java.time.Instant;

/**
 * Where a source's sync stands ({@code sync_state}).
 *
 * @param highWaterMark the greatest update time the last complete run saw: the next run asks from it
 * @param syncedUntil   when the last complete run started: the source's changes before then are applied
 * @param runStartedAt  the run in progress (or cut short, to be resumed): when it started; null: none
 * @param runSince      its lower bound (the high-water mark when it started)
 * @param runCursor     its next page (null with a run in progress: its first)
 * @param runRows       products it has changed so far
 */
public record SyncState(String source, Instant highWaterMark, Instant syncedUntil, Instant runStartedAt,
                        Instant runSince, String runCursor, int runRows, Instant lastStartedAt,
                        Instant lastFinishedAt, String lastOutcome, Integer lastRows, String lastError) {

    public boolean runInProgress() {
        return runStartedAt != null;
    }
}
