package io.switchboard.kb;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.kb.KbApi;
import io.switchboard.resilience.UpstreamFailures;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The questions routes/jobs/kb-warm-up.camel.yaml asks the knowledge base at startup and on a schedule, checked
 * once as the chat API checks a question, so that each warms the cache entry the same question from a customer
 * reads ({@code <limit>:<question, lower-cased>}).
 */
@Component("kbWarmUp")
public class KbWarmUp {

    private static final Logger log = LoggerFactory.getLogger(KbWarmUp.class);

    private final List<String> queries;
    private final int limit;

    public KbWarmUp(KbWarmUpProperties properties, KbApi kbApi) {
        try {
            this.limit = kbApi.limit(Integer.toString(properties.limit()));
        } catch (InvalidRequest outOfRange) {
            throw new IllegalStateException("switchboard.kb.warm-up.limit must be 1 to " + KbApi.MAX_LIMIT
                    + ", as the chat API's limit", outOfRange);
        }
        List<String> checked = new ArrayList<>();
        for (String query : properties.queries()) {
            try {
                checked.add(kbApi.query(query));
            } catch (InvalidRequest invalid) {
                log.warn("switchboard.kb.warm-up.queries: \"{}\" is not a question the API would accept; left out", query);
            }
        }
        this.queries = List.copyOf(checked);
    }

    /** The questions to warm; empty when the warm-up is off. */
    public List<String> queries() {
        return queries;
    }

    public int limit() {
        return limit;
    }

    /** A question that could not be warmed: logged with what failed (its class only: no vendor text, no URL). */
    public void failed(Exchange exchange) {
        log.warn("KB warm-up: \"{}\" failed ({}); asked again at the next warm-up", exchange.getProperty("kbQuery"),
                UpstreamFailures.rootCauseName(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    }
}
