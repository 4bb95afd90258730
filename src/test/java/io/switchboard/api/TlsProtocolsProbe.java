package io.switchboard.api;

import io.switchboard.SwitchboardApplication;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Run by {@link TlsProtocolsTest} in a JVM of its own: this JDK itself refuses TLS 1.0 and 1.1
 * ({@code jdk.tls.disabledAlgorithms}), on both sides, so a handshake test in the shared test JVM would pass whatever
 * the hub enabled. Here that list is cleared of them before anything uses TLS; a plain server socket shows that this
 * JVM now does speak them, and then the hub is asked for each version. Prints one line per handshake:
 * {@code control TLSv1 accepted}, {@code hub TLSv1 refused}, ...
 * Arguments: keystore path, its password, a directory for the hub's data.
 */
public final class TlsProtocolsProbe {

    static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    public static void main(String[] args) throws Exception {
        String disabled = Arrays.stream(Security.getProperty("jdk.tls.disabledAlgorithms").split(","))
                .map(String::trim).filter(entry -> !entry.equals("TLSv1") && !entry.equals("TLSv1.1"))
                .collect(Collectors.joining(", "));
        Security.setProperty("jdk.tls.disabledAlgorithms", disabled);
        Path keystore = Path.of(args[0]);
        String password = args[1];
        Path data = Path.of(args[2]);
        SSLContext tls = context(keystore, password);

        try (SSLServerSocket control = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0)) {
            control.setEnabledProtocols(PROTOCOLS.toArray(String[]::new));
            Thread acceptor = new Thread(() -> {
                while (!control.isClosed()) {
                    try (SSLSocket socket = (SSLSocket) control.accept()) {
                        socket.startHandshake();
                    } catch (Exception ignored) {
                        // the client reports the outcome
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (String protocol : PROTOCOLS) {
                System.out.println("control " + protocol + " " + handshake(tls, control.getLocalPort(), protocol));
            }
        }

        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local", "test")
                .run("--server.port=0",
                        "--server.ssl.enabled=true",
                        "--server.ssl.key-store=" + keystore,
                        "--server.ssl.key-store-password=" + password,
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                        "--camel.main.routes-reload-enabled=false")) {
            int port = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
            for (String protocol : PROTOCOLS) {
                System.out.println("hub " + protocol + " " + handshake(tls, port, protocol));
            }
        }
        System.exit(0);
    }

    /** "accepted" and the protocol the session has, or "refused" and why. */
    private static String handshake(SSLContext tls, int port, String protocol) {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port)) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return "accepted " + socket.getSession().getProtocol();
        } catch (Exception e) {
            return "refused " + e;
        }
    }

    /** Serves with, and trusts, the keystore's certificate. */
    private static SSLContext context(Path keystore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private TlsProtocolsProbe() {
    }
}
