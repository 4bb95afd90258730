package io.switchboard.admin;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.messaging.DeadLetter;
import io.switchboard.messaging.DeadLetters;
import io.switchboard.messaging.RetryingQueues;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/dead-letters?source=&offset=&limit=} and {@code POST /admin/dead-letters/{id}/replay}, for
 * webhook deliveries and jobs alike ({@code source} names either).
 */
@RestController
public class DeadLetterController {

    private static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;
    private final RetryingQueues queues;

    public DeadLetterController(DeadLetters deadLetters, RetryingQueues queues) {
        this.deadLetters = deadLetters;
        this.queues = queues;
    }

    @GetMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> list(@RequestParam(required = false) String source,
                                    @RequestParam(defaultValue = "0") int offset,
                                    @RequestParam(defaultValue = "50") int limit) {
        if (source != null && queues.find(source).isEmpty()) {
            throw new InvalidRequest("source", "no webhook source or job has that name");
        }
        if (offset < 0) {
            throw new InvalidRequest("offset", "must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<DeadLetter> page = deadLetters.list(source, offset, limit);
        return Map.of("items", page, "offset", offset, "limit", limit);
    }

    @PostMapping(path = "/admin/dead-letters/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> replay(@PathVariable String id) {
        DeadLetter replayed = deadLetters.replay(id);
        return Map.of("replayed", replayed);
    }
}
