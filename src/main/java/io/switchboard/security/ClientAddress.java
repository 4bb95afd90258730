package io.switchboard.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import org.apache.catalina.util.NetMask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address a request came from, for the limits on unauthenticated attempts. Behind an ingress or load balancer
 * every request's peer is the proxy, so the client is read from {@code X-Forwarded-For}, but only when the peer is
 * one of {@code switchboard.security.trusted-proxies} (CIDR networks): anyone else could write any address there.
 * The header is read from the right, skipping the trusted proxies' own entries; the first other address is the
 * client (entries to its left were written by the client itself).
 */
@Component
public class ClientAddress {

    private final List<NetMask> trustedProxies;

    public ClientAddress(@Value("${switchboard.security.trusted-proxies:}") List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::trim).filter(cidr -> !cidr.isEmpty())
                .map(NetMask::new).toList();
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusted(peer)) {
            return peer;
        }
        List<String> hops = Collections.list(request.getHeaders("X-Forwarded-For")).stream()
                .flatMap(header -> java.util.Arrays.stream(header.split(",")))
                .map(String::trim).filter(hop -> !hop.isEmpty()).toList();
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
            client = hops.get(i);
        }
        return client;
    }

    private boolean trusted(String address) {
        if (trustedProxies.isEmpty() || !isIpLiteral(address)) {
            return false;
        }
        try {
            InetAddress inet = InetAddress.getByName(address);   // a literal: no lookup
            return trustedProxies.stream().anyMatch(network -> network.matches(inet));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Only literals are looked up, so that a forged header cannot make the hub resolve names. */
    private static boolean isIpLiteral(String address) {
        return address.matches("[0-9.]+") || (address.contains(":") && address.matches("[0-9a-fA-F:.%]+"));
    }
}
