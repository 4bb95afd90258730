package io.switchboard.security;

import io.switchboard.api.ApiException;
import io.switchboard.api.ErrorCode;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * The authorization step a chat API route starts with: {@code bean: {ref: access, method: "require(${exchange},
 * 'orders:read')"}}. It puts the {@link Caller} on the exchange for the object-level checks that follow.
 */
@Component("access")
public class Access {

    /** Exchange property holding the authenticated {@link Caller}. */
    public static final String CALLER = "switchboardCaller";

    public Caller require(Exchange exchange, String scope) {
        Caller caller = callerOf(exchange);
        if (!caller.hasScope(scope)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This call needs the scope " + scope);
        }
        exchange.setProperty(CALLER, caller);
        return caller;
    }

    private static Caller callerOf(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage http
                && http.getRequest().getAttribute(BearerAuthFilter.CALLER_ATTRIBUTE) instanceof Caller caller) {
            return caller;
        }
        throw new ApiException(ErrorCode.UNAUTHENTICATED, "A bearer token is required");
    }
}
