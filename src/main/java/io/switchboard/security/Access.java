package io.switchboard.security;

import io.switchboard.errors.Forbidden;
import io.switchboard.errors.StepUpRequired;
import io.switchboard.errors.Unauthenticated;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * The authorization step a chat API route starts with: {@code bean: {ref: access, method: "require(${exchange},
 * 'orders:read')"}}, or {@code requireVerified} for sensitive actions. It puts the {@link Caller} on the exchange for
 * the object-level checks that follow.
 */
@Component("access")
public class Access {

    /** Exchange property holding the authenticated {@link Caller}. */
    public static final String CALLER = "switchboardCaller";

    /**
     * Exchange property for a caller that a door other than the REST API authenticated with the same filter (the
     * MCP server at {@code /mcp}, behind {@link BearerAuthFilter}), set before it calls a chat API route. Properties
     * are internal to the hub: nothing a client sends can set one.
     */
    public static final String AUTHENTICATED_CALLER = "switchboardAuthenticatedCaller";

    /** Returns nothing, so that the message body stays as it is. */
    public void require(Exchange exchange, String scope) {
        Caller caller = callerOf(exchange);
        if (!caller.hasScope(scope)) {
            throw new Forbidden("This call needs the scope " + scope);
        }
        exchange.setProperty(CALLER, caller);
    }

    /**
     * For sensitive actions (order cancellation, address change): the scope, and a customer who proved who they
     * are ({@code acr=verified}, after logging in or a step-up); otherwise 403 {@code step_up_required}, which tells
     * the chat assistant to ask the customer to verify.
     */
    public void requireVerified(Exchange exchange, String scope) {
        require(exchange, scope);
        if (!"verified".equals(exchange.getProperty(CALLER, Caller.class).acr())) {
            throw new StepUpRequired("This action needs the customer to verify who they are");
        }
    }

    private static Caller callerOf(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage http
                && http.getRequest().getAttribute(BearerAuthFilter.CALLER_ATTRIBUTE) instanceof Caller caller) {
            return caller;
        }
        if (exchange.getProperty(AUTHENTICATED_CALLER) instanceof Caller caller) {
            return caller;
        }
        throw new Unauthenticated("A bearer token is required");
    }
}
