package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.7/32", "fd00::/8"));

    @Test
    void aTrustedProxysForwardedForNamesTheClient() {
        assertThat(behindProxies.of(request("10.1.2.3", "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void theHeaderIsReadFromTheRightSkippingTrustedHops() {
        // the client wrote 1.1.1.1 itself; the first proxy saw it come from 203.0.113.9
        assertThat(behindProxies.of(request("10.1.2.3", "1.1.1.1, 203.0.113.9, 192.168.1.7"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.of(request("fd00::1", "203.0.113.9", "10.9.9.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void fromAnyOtherPeerTheHeaderIsIgnored() {
        assertThat(behindProxies.of(request("198.51.100.4", "203.0.113.9"))).isEqualTo("198.51.100.4");
        assertThat(behindProxies.of(request("192.168.1.8", "203.0.113.9"))).isEqualTo("192.168.1.8");
    }

    @Test
    void withNoTrustedProxiesThePeerIsTheClient() {
        assertThat(new ClientAddress(List.of()).of(request("10.1.2.3", "203.0.113.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void aTrustedProxyWithoutTheHeaderIsItselfTheClient() {
        assertThat(behindProxies.of(request("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.of(request("10.1.2.3", "10.4.4.4"))).isEqualTo("10.4.4.4");
    }

    @Test
    void aNameInTheHeaderIsNotLookedUpAndCountsAsTheClient() {
        assertThat(behindProxies.of(request("10.1.2.3", "localhost"))).isEqualTo("localhost");
    }

    private static MockHttpServletRequest request(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/orders/1001");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }
}
