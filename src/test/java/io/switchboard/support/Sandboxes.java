package io.switchboard.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The vendor sandboxes of {@code sandbox/<vendor>/}, one WireMock server per vendor in the test JVM, shared by every
 * test so that one Spring context serves them all. Tests add fault stubs on top and {@link #reset} afterwards.
 */
public final class Sandboxes {

    /** The vendors the hub's tests talk to: each folder of sandbox/ with WireMock mappings. */
    public static final String[] VENDORS = discover(Path.of("sandbox"));

    private static final Map<String, WireMockServer> SERVERS = new HashMap<>();
    private static final Map<String, Integer> PORTS = new HashMap<>();

    private Sandboxes() {
    }

    static String[] discover(Path sandbox) {
        try (Stream<Path> folders = Files.list(sandbox)) {
            return folders.filter(folder -> Files.isDirectory(folder.resolve("mappings")))
                    .map(folder -> folder.getFileName().toString()).sorted().toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized WireMockServer server(String vendor) {
        return SERVERS.computeIfAbsent(vendor, v -> {
            WireMockServer server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("sandbox/" + v));
            server.start();
            PORTS.put(v, server.port());
            return server;
        });
    }

    /** Back to the sandbox's own mappings, running, with an empty request journal. */
    public static synchronized void reset(String vendor) {
        WireMockServer current = server(vendor);
        if (!current.isRunning()) {
            WireMockServer restarted = new WireMockServer(options().port(PORTS.get(vendor))
                    .usingFilesUnderDirectory("sandbox/" + vendor));
            restarted.start();
            SERVERS.put(vendor, restarted);
        }
        SERVERS.get(vendor).resetToDefaultMappings();
        SERVERS.get(vendor).resetRequests();
    }

    /** Stops the vendor's server so that its port refuses connections, as a vendor that is down does. */
    public static synchronized void stop(String vendor) {
        server(vendor).stop();
    }

    public static String baseUrl(String vendor) {
        server(vendor);
        return "http://127.0.0.1:" + PORTS.get(vendor);
    }
}
