package io.switchboard.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

/** {@code GET /api/v1/openapi.json}: the contract (openapi/switchboard.yaml), read once and served as JSON. */
@RestController
public class OpenApiController {

    private final byte[] document;

    public OpenApiController(ObjectMapper json) throws IOException {
        try (InputStream yaml = new ClassPathResource("openapi/switchboard.yaml").getInputStream()) {
            Object contract = new Yaml().load(yaml);
            this.document = json.writeValueAsBytes(contract);
        }
    }

    @GetMapping(path = "/api/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public byte[] openApi() {
        return document.clone();
    }
}
