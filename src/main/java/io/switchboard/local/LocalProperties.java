package io.switchboard.local;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.local.*}: the embedded parts of the local run.
 *
 * @param postgres whether to embed PostgreSQL, where it keeps its data and listens (port 0: any free port)
 * @param sandbox  the WireMock vendor sandbox: one server per vendor folder under {@code directory}
 */
@ConfigurationProperties("switchboard.local")
public record LocalProperties(@DefaultValue Postgres postgres, @DefaultValue Sandbox sandbox) {

    public record Postgres(@DefaultValue("true") boolean enabled, @DefaultValue("data/postgres") Path dataDirectory,
                           @DefaultValue("0") int port) {
    }

    /**
     * @param directory one sandbox per folder in it with a {@code mappings/} folder ({@code sandbox/<vendor>/})
     * @param ports     the port of each vendor's sandbox: a vendor's fixed one where it is set, else a free one,
     *                  chosen at startup ({@link SandboxAddresses}, which also points the vendor's base URL there)
     */
    public record Sandbox(@DefaultValue("true") boolean enabled,
                          @DefaultValue("sandbox") Path directory,
                          Map<String, Integer> ports) {
        public Sandbox {
            ports = ports == null ? Map.of() : Map.copyOf(ports);
        }
    }
}
