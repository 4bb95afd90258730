package io.switchboard.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * JSON the hub parses may nest only {@code switchboard.api.max-json-depth} levels (32): deeper input is refused by
 * the parser itself, early and cheaply, as a 400.
 */
@Component
public class JsonLimits implements Jackson2ObjectMapperBuilderCustomizer {

    private final int maxDepth;

    public JsonLimits(@Value("${switchboard.api.max-json-depth:32}") int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public void customize(org.springframework.http.converter.json.Jackson2ObjectMapperBuilder builder) {
        builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(maxDepth).build()));
    }
}
