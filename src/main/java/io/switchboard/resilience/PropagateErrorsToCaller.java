package io.switchboard.resilience;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The default for every route that names no {@code routeConfigurationId} (capability and connector routes): no
 * error handler of its own, so a failure travels back to the route that called it, whose configuration (for the
 * chat API: {@code api}) decides the answer. Without this, Camel's default handler would log the failure as
 * exhausted and the caller could no longer handle it.
 */
@Component
public class PropagateErrorsToCaller extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration().errorHandler(noErrorHandler());
    }
}
