package io.switchboard.config;

import static io.switchboard.config.RequiredSettings.named;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What production refuses to run with: the API over plain HTTP unless TLS ends in front of the hub
 * ({@code switchboard.tls.terminated-at-proxy}), TLS older than 1.2, and vendor addresses that are not {@code https}
 * unless the vendor is an internal host said to be one ({@code switchboard.vendors.<vendor>.allow-insecure-http}).
 */
final class TransportSecurity {

    static final String TERMINATED_AT_PROXY = "switchboard.tls.terminated-at-proxy";
    private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private TransportSecurity() {
    }

    static List<String> problems(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        Binder binder = Binder.get(environment);
        if (!binder.bind(TERMINATED_AT_PROXY, Boolean.class).orElse(false)) {
            problems.addAll(https(environment, binder));
        }
        binder.bind("switchboard.vendors", Bindable.mapOf(String.class, Vendor.class)).orElse(Map.of())
                .forEach((name, vendor) -> problems.addAll(vendor.insecure(name)));
        return problems;
    }

    /** The part of {@code switchboard.vendors.<vendor>} this check reads. */
    record Vendor(String baseUrl, String instanceUrl, boolean allowInsecureHttp) {

        List<String> insecure(String name) {
            if (allowInsecureHttp) {
                return List.of();
            }
            List<String> problems = new ArrayList<>();
            if (!isBlank(baseUrl) && !baseUrl.trim().startsWith("https://")) {
                problems.add(plain(name, "base-url"));
            }
            if (!isBlank(instanceUrl) && !instanceUrl.trim().startsWith("https://")) {
                problems.add(plain(name, "instance-url"));
            }
            return problems;
        }

        private static String plain(String name, String key) {
            String prefix = "switchboard.vendors." + name + ".";
            return named(prefix + key) + " is not https: production sends credentials to vendors over TLS only; "
                    + "for an internal host on a network of its own, set " + named(prefix + "allow-insecure-http")
                    + " to true";
        }
    }

    private static List<String> https(ConfigurableEnvironment environment, Binder binder) {
        if (!binder.bind("server.ssl.enabled", Boolean.class).orElse(false)) {
            return List.of("plain HTTP in production: set " + named("server.ssl.enabled") + " to true with "
                    + named("server.ssl.key-store") + " and " + named("server.ssl.key-store-password")
                    + ", or, when TLS ends at the ingress or load balancer in front of the hub, "
                    + named(TERMINATED_AT_PROXY) + " to true");
        }
        List<String> problems = new ArrayList<>();
        List<String> protocols = binder.bind("server.ssl.enabled-protocols", Bindable.listOf(String.class))
                .orElse(List.of());
        if (protocols.isEmpty() || !PROTOCOLS.containsAll(protocols)) {
            problems.add(named("server.ssl.enabled-protocols") + " is " + protocols
                    + ": production allows TLSv1.3 and TLSv1.2 only");
        }
        if (isBlank(environment.getProperty("server.ssl.key-store"))
                && isBlank(environment.getProperty("server.ssl.bundle"))) {
            problems.add("missing setting: " + named("server.ssl.key-store") + " (HTTPS is on)");
        }
        return problems;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
