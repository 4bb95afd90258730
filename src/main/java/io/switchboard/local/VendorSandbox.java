package io.switchboard.local;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Stands in for the SaaS vendors in the local run: one WireMock server per vendor folder of {@code sandbox/},
 * serving its {@code mappings/} and {@code __files/} (the same files the tests and docker-compose use), on the port
 * {@link SandboxAddresses} chose for it and pointed the vendor's base URL at. {@link VendorSandboxStart} starts it.
 */
public class VendorSandbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VendorSandbox.class);

    private final List<WireMockServer> servers = new ArrayList<>();
    private final Thread starter;

    private VendorSandbox(LocalProperties.Sandbox sandbox) {
        starter = new Thread(() -> start(sandbox), "sandbox-start");
    }

    /** Starts the servers on a thread of their own and returns at once: the rest of the hub starts meanwhile. */
    static VendorSandbox startInBackground(LocalProperties.Sandbox sandbox) {
        VendorSandbox vendorSandbox = new VendorSandbox(sandbox);
        vendorSandbox.starter.start();
        return vendorSandbox;
    }

    /** Returns once every server is started (or failed to start, which is logged). */
    void awaitStarted() {
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(LocalProperties.Sandbox sandbox) {
        for (Map.Entry<String, Integer> vendor : sandbox.ports().entrySet()) {
            Path root = sandbox.directory().resolve(vendor.getKey());
            if (!Files.isDirectory(root.resolve("mappings"))) {
                log.error("No sandbox for {}: {} has no mappings/ folder", vendor.getKey(), root);
                continue;
            }
            WireMockServer server = new WireMockServer(options()
                    .bindAddress("127.0.0.1")
                    .port(vendor.getValue())
                    .usingFilesUnderDirectory(root.toString())
                    .containerThreads(6)   // a few per vendor: the sandbox serves one developer, not a load test
                    .jettyAcceptors(1)
                    .maxRequestJournalEntries(1000));
            try {
                server.start();
            } catch (RuntimeException e) {
                log.error("Sandbox for {} could not start on port {}: {}", vendor.getKey(), vendor.getValue(),
                        e.getMessage());
                continue;
            }
            synchronized (servers) {
                servers.add(server);
            }
            log.info("Sandbox for {} on http://127.0.0.1:{}", vendor.getKey(), server.port());
        }
    }

    /** Stops the servers (once: the hub's close and a failed start may both ask). */
    @Override
    public void destroy() {
        awaitStarted();
        synchronized (servers) {
            servers.forEach(WireMockServer::stop);
            servers.clear();
        }
    }
}
