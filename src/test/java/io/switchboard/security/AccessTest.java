package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The authorization steps routes call: scopes, and step-up for sensitive actions. */
class AccessTest {

    private final Access access = new Access();

    @Test
    void aCallerWithTheScopePassesAndIsPutOnTheExchange() {
        Exchange exchange = exchangeFor(new Caller("c-1", Set.of("orders:read"), null));

        access.require(exchange, "orders:read");

        assertThat(exchange.getProperty(Access.CALLER, Caller.class).subject()).isEqualTo("c-1");
    }

    @Test
    void aMissingScopeIsForbidden() {
        assertRefused(() -> access.require(exchangeFor(new Caller("c-1", Set.of("kb:read"), "verified")), "orders:read"),
                ErrorCode.FORBIDDEN);
    }

    @Test
    void aSensitiveActionNeedsAVerifiedCustomerAndTheScope() {
        Caller unverified = new Caller("c-1", Set.of("orders:write"), null);
        Caller loggedInOnly = new Caller("c-1", Set.of("orders:write"), "password");
        Caller verifiedWithoutScope = new Caller("c-1", Set.of("orders:read"), "verified");
        Caller verified = new Caller("c-1", Set.of("orders:write"), "verified");

        assertRefused(() -> access.requireVerified(exchangeFor(unverified), "orders:write"), ErrorCode.STEP_UP_REQUIRED);
        assertRefused(() -> access.requireVerified(exchangeFor(loggedInOnly), "orders:write"), ErrorCode.STEP_UP_REQUIRED);
        assertRefused(() -> access.requireVerified(exchangeFor(verifiedWithoutScope), "orders:write"), ErrorCode.FORBIDDEN);
        Exchange exchange = exchangeFor(verified);
        access.requireVerified(exchange, "orders:write");
        assertThat(exchange.getProperty(Access.CALLER, Caller.class).subject()).isEqualTo("c-1");
    }

    @Test
    void noAuthenticatedCallerIsUnauthenticated() {
        assertRefused(() -> access.require(exchangeFor(null), "orders:read"), ErrorCode.UNAUTHENTICATED);
    }

    private static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static Exchange exchangeFor(Caller caller) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (caller != null) {
            request.setAttribute(BearerAuthFilter.CALLER_ATTRIBUTE, caller);
        }
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setIn(new PlatformHttpMessage(request, new MockHttpServletResponse(), exchange, null, false));
        return exchange;
    }
}
