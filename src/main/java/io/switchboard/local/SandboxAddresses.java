package io.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every vendor sandbox of the local run its address before anything reads the settings: each folder of
 * {@code switchboard.local.sandbox.directory} with a {@code mappings/} folder is a vendor's sandbox (as in the
 * tests), served on its fixed port ({@code switchboard.local.sandbox.ports.<vendor>}) or on a free one, and
 * {@code switchboard.vendors.<vendor>.base-url} points there unless something else sets it. {@link VendorSandbox}
 * then serves each on the port chosen here. A vendor added with a sandbox folder needs no line in a profile.
 */
public class SandboxAddresses implements EnvironmentPostProcessor, Ordered {

    static final String PORTS = "switchboard.local.sandbox.ports.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles("local")
                || !environment.getProperty("switchboard.local.sandbox.enabled", Boolean.class, true)) {
            return;
        }
        Path directory = Path.of(environment.getProperty("switchboard.local.sandbox.directory", "sandbox"));
        Map<String, Object> ports = new LinkedHashMap<>();
        Map<String, Object> urls = new LinkedHashMap<>();
        for (String vendor : vendors(directory)) {
            int port = environment.getProperty(PORTS + vendor, Integer.class, 0);
            port = port > 0 ? port : freePort();
            ports.put(PORTS + vendor, port);
            urls.put("switchboard.vendors." + vendor + ".base-url", "http://127.0.0.1:" + port);
        }
        // the ports chosen are the ones served; a base URL set anywhere else (a real vendor) still wins
        environment.getPropertySources().addFirst(new MapPropertySource("vendor-sandbox-ports", ports));
        environment.getPropertySources().addLast(new MapPropertySource("vendor-sandbox-urls", urls));
    }

    /** The folders with WireMock mappings, by name (a folder of webhook samples alone, such as order-status's, is none). */
    static List<String> vendors(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(directory)) {
            return folders.filter(folder -> Files.isDirectory(folder.resolve("mappings")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free now; the sandbox binds it moments later, as the hub starts. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 100;   // after the config files and profiles, before the startup checks
    }
}
