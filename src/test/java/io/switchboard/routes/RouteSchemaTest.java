package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route file is valid by Camel's own YAML DSL JSON schema ({@code schema/camelYamlDsl.json}, shipped in the
 * camel-yaml-dsl jar the hub runs with), the schema editors such as VS Code and Kaoto check routes with: no
 * placeholder where a number is wanted, no boolean or number given to {@code constant}, no unknown key.
 */
class RouteSchemaTest {

    private static final Path ROUTES = Path.of("routes");

    @TempDir
    Path temp;

    @Test
    void everyRouteFileIsValidByCamelsYamlDslSchema() throws IOException {
        List<Path> files = routeFiles();
        assertThat(files).hasSizeGreaterThan(30);

        ExternalTools.Result result = validate(files.toArray(Path[]::new));

        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output().lines().filter(line -> line.endsWith(": OK"))).hasSameSizeAs(files);
    }

    @Test
    void aPlaceholderForANumberAConstantThatIsNoStringOrAMisspelledKeyIsRejected() throws IOException {
        String orders = Files.readString(ROUTES.resolve("api/orders.camel.yaml"));
        String shopify = Files.readString(ROUTES.resolve("connectors/vendor-call.camel.yaml"));
        assertThat(orders).contains("            constant: \"202\"\n");
        assertThat(shopify).contains("              configuration: \"{{vendor}}Call\"\n", "              id: \"{{vendor}}-breaker\"\n");

        Path number = write("number.camel.yaml", orders.replace("            constant: \"202\"\n", "            constant: 202\n"));
        Path placeholder = write("placeholder.camel.yaml", shopify.replace("              configuration: \"{{vendor}}Call\"\n",
                """
                              resilience4jConfiguration:
                                circuitBreaker: shopifyBreaker
                                timeoutEnabled: true
                                timeoutDuration: "{{switchboard.vendors.shopify.timeout-millis}}"
                """));
        Path misspelled = write("misspelled.camel.yaml",
                shopify.replace("              id: \"{{vendor}}-breaker\"\n", "              idd: \"{{vendor}}-breaker\"\n"));

        ExternalTools.Result rejected = validate(number, placeholder, misspelled);

        assertThat(rejected.ok()).isFalse();
        assertThat(rejected.output()).contains(
                "number.camel.yaml: /2/route/from/steps/9/setHeader/constant must be string (value: 202)",
                "placeholder.camel.yaml: /0/routeTemplate/route/from/steps/1/circuitBreaker/resilience4jConfiguration/timeoutDuration must be number",
                "misspelled.camel.yaml: /0/routeTemplate/route/from/steps/1/circuitBreaker must NOT have additional properties 'idd'");
        assertThat(rejected.output()).doesNotContain(": OK");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content);
    }

    private ExternalTools.Result validate(Path... files) throws IOException {
        List<String> args = new ArrayList<>(List.of(schema().toString()));
        for (Path file : files) {
            args.add(file.toAbsolutePath().toString());
        }
        return ExternalTools.node("src/test/routes-schema", "validate.mjs", args.toArray(String[]::new));
    }

    /** The schema of the camel-yaml-dsl the hub runs with, from the classpath. */
    private Path schema() throws IOException {
        Path schema = temp.resolve("camelYamlDsl.json");
        if (!Files.exists(schema)) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
                assertThat(in).as("schema/camelYamlDsl.json on the classpath (camel-yaml-dsl)").isNotNull();
                Files.copy(in, schema);
            }
        }
        return schema;
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROUTES)) {
            return walk.filter(path -> path.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}
