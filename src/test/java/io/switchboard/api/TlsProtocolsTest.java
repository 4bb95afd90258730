package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ExternalTools;
import io.switchboard.support.JavaProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's HTTPS speaks TLS 1.2 and 1.3 only, by its own configuration: {@link TlsProtocolsProbe} runs in a JVM
 * where the JDK would speak 1.0 and 1.1 too (its control server does), so a refusal there is the hub's.
 */
class TlsProtocolsTest {

    private static final String PASSWORD = "test-keystore-password";

    @TempDir
    Path dir;

    @Test
    void tls10And11AreRefusedAnd12And13Accepted() throws Exception {
        Path keystore = dir.resolve("hub.p12");
        ExternalTools.Result keytool = ExternalTools.run(dir, 60, "keytool", "-genkeypair", "-alias", "hub",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        assertThat(keytool.exitCode()).as(keytool.output()).isZero();

        ExternalTools.Result probe = JavaProcess.run(Path.of("").toAbsolutePath(), 240, Map.of(),
                List.of("-Xmx384m"), TlsProtocolsProbe.class, keystore.toString(), PASSWORD,
                dir.resolve("data").toString());

        assertThat(probe.exitCode()).as(probe.output()).isZero();
        assertThat(probe.output().lines().filter(line -> line.startsWith("control ") || line.startsWith("hub ")))
                .as(probe.output())
                .satisfiesExactly(
                        line -> assertThat(line).as("this JVM speaks TLS 1.0").startsWith("control TLSv1 accepted TLSv1"),
                        line -> assertThat(line).startsWith("control TLSv1.1 accepted TLSv1.1"),
                        line -> assertThat(line).startsWith("control TLSv1.2 accepted TLSv1.2"),
                        line -> assertThat(line).startsWith("control TLSv1.3 accepted TLSv1.3"),
                        line -> assertThat(line).startsWith("hub TLSv1 refused"),
                        line -> assertThat(line).startsWith("hub TLSv1.1 refused"),
                        line -> assertThat(line).isEqualTo("hub TLSv1.2 accepted TLSv1.2"),
                        line -> assertThat(line).isEqualTo("hub TLSv1.3 accepted TLSv1.3"));
    }
}
