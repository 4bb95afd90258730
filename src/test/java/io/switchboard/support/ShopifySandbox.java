package io.switchboard.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The Shopify sandbox of {@code sandbox/shopify/} on a WireMock server of the test JVM, shared by every test so
 * that one Spring context serves them all. Tests add fault stubs on top and {@link #reset()} afterwards.
 */
public final class ShopifySandbox {

    private static WireMockServer server;
    private static int port;

    private ShopifySandbox() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("sandbox/shopify"));
            server.start();
            port = server.port();
        }
        return server;
    }

    /** Back to the sandbox's own mappings, running, with an empty request journal. */
    public static synchronized void reset() {
        WireMockServer current = server();
        if (!current.isRunning()) {
            server = new WireMockServer(options().port(port).usingFilesUnderDirectory("sandbox/shopify"));
            server.start();
        }
        server.resetToDefaultMappings();
        server.resetRequests();
    }

    /** Stops the server so that its port refuses connections, as a vendor that is down does. */
    public static synchronized void stop() {
        server().stop();
    }

    public static String baseUrl() {
        server();
        return "http://127.0.0.1:" + port;
    }
}
