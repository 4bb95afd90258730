package io.switchboard.api;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling written once for the routes behind the chat API ({@code routeConfigurationId: api}): any failure,
 * here or in the capability and connector routes they call, becomes a problem+json answer.
 */
@Component
public class ApiRouteConfiguration extends RouteConfigurationBuilder {

    private final ProblemResponder problemResponder;

    public ApiRouteConfiguration(ProblemResponder problemResponder) {
        this.problemResponder = problemResponder;
    }

    @Override
    public void configuration() {
        routeConfiguration("api")
                .onException(Exception.class)
                .handled(true)
                .process(problemResponder);
    }
}
