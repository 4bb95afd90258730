package io.switchboard.admin;

import io.switchboard.sync.CatalogSync;
import io.switchboard.sync.SyncState;
import io.switchboard.sync.SyncStates;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog's batch sync: {@code GET /admin/sync} shows where each source stands, {@code POST /admin/sync/{source}}
 * starts a run now (202; the run happens in the background, and skips when a run of the source is under way, here
 * or on another instance).
 */
@RestController
public class SyncController {

    private final CatalogSync sync;
    private final SyncStates states;

    public SyncController(CatalogSync sync, SyncStates states) {
        this.sync = sync;
        this.states = states;
    }

    @GetMapping(path = "/admin/sync", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> status() {
        return Map.of("items", sync.sources().stream().map(source -> describe(states.get(source))).toList());
    }

    @PostMapping(path = "/admin/sync/{source}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> trigger(@PathVariable String source) {
        boolean started = sync.trigger(source);
        Map<String, Object> body = describe(states.get(source));
        body.put("started", started);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    private Map<String, Object> describe(SyncState state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", state.source());
        body.put("running", sync.running(state.source()));
        body.put("highWaterMark", state.highWaterMark());
        body.put("syncedUntil", state.syncedUntil());
        body.put("lagSeconds", state.syncedUntil() == null ? null
                : Duration.between(state.syncedUntil(), Instant.now()).toSeconds());
        Map<String, Object> run = null;
        if (state.runInProgress()) {
            run = new LinkedHashMap<>();
            run.put("startedAt", state.runStartedAt());
            run.put("since", state.runSince());
            run.put("nextPage", state.runCursor() == null ? "first" : "after a cursor");
            run.put("rowsApplied", state.runRows());
        }
        body.put("unfinishedRun", run);
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("startedAt", state.lastStartedAt());
        last.put("finishedAt", state.lastFinishedAt());
        last.put("outcome", state.lastOutcome());
        last.put("rowsApplied", state.lastRows());
        last.put("error", state.lastError());
        body.put("lastRun", last);
        return body;
    }
}
