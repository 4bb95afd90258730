package io.switchboard.support;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The Shopify sandbox of {@link Sandboxes}, named for the tests that use it most. */
public final class ShopifySandbox {

    private ShopifySandbox() {
    }

    public static WireMockServer server() {
        return Sandboxes.server("shopify");
    }

    public static void reset() {
        Sandboxes.reset("shopify");
    }

    public static void stop() {
        Sandboxes.stop("shopify");
    }

    public static String baseUrl() {
        return Sandboxes.baseUrl("shopify");
    }
}
