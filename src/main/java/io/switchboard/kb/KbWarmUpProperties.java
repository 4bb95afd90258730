package io.switchboard.kb;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.kb.warm-up.*}: the knowledge base's answers to the common questions, kept in the kb cache.
 *
 * @param queries the common questions, as customers ask them; none: no warm-up
 * @param every   how often they are asked again (less than the kb cache's ttl, so that they never expire)
 * @param delay   how long after startup the first warm-up runs
 * @param limit   articles per question: the limit the chat backend asks with (the API's default is 5)
 */
@ConfigurationProperties("switchboard.kb.warm-up")
public record KbWarmUpProperties(
        List<String> queries,
        @DefaultValue("3h") Duration every,
        @DefaultValue("10s") Duration delay,
        @DefaultValue("5") int limit) {

    public KbWarmUpProperties {
        queries = queries == null ? List.of() : List.copyOf(queries);
    }
}
