package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.switchboard.errors.ErrorCode;
import io.switchboard.ingress.WebhookServlet;
import io.switchboard.mcp.McpServerConfiguration;
import io.switchboard.support.HubTest;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document is public, and describes exactly the endpoints the hub serves: it cannot drift. */
@HubTest
class OpenApiDocumentTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvc;

    @Autowired
    ServletContext servletContext;

    @Test
    void describesExactlyTheServedEndpoints() throws Exception {
        JsonNode paths = document().path("paths");
        Set<String> documented = new TreeSet<>();
        paths.fieldNames().forEachRemaining(path -> paths.path(path).fieldNames().forEachRemaining(method ->
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> served = new TreeSet<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                served.add(verb.asVerb().toUpperCase(Locale.ROOT) + " " + rest.getPath()
                        + (verb.getPath() == null ? "" : verb.getPath()));
            }
        }
        for (RequestMappingInfo mapping : mvc.getHandlerMethods().keySet()) {
            for (String path : mapping.getPatternValues()) {
                mapping.getMethodsCondition().getMethods().forEach(method -> served.add(method.name() + " " + path));
            }
        }
        served.remove("GET /error");
        served.addAll(servedBesideSpringMvc());

        assertThat(documented.stream().filter(endpoint -> !endpoint.contains(" /actuator/")))
                .containsExactlyInAnyOrderElementsOf(served);
    }

    /**
     * Endpoints of the servlets the server runs beside Spring MVC's dispatcher: each must be one whose endpoint is
     * known here, mapped so that it takes that endpoint's path.
     */
    private Set<String> servedBesideSpringMvc() {
        Set<String> served = new TreeSet<>();
        servletContext.getServletRegistrations().forEach((name, registration) -> {
            if (registration.getClassName().equals(DispatcherServlet.class.getName())) {
                return;
            }
            if (registration.getClassName().equals(HttpServletStatelessServerTransport.class.getName())) {
                assertThat(registration.getMappings()).containsExactly(McpServerConfiguration.PATH);
                served.add("POST " + McpServerConfiguration.PATH);   // GET is 405: the transport is stateless
                return;
            }
            assertThat(registration.getClassName()).as("servlet " + name + ", whose endpoints this test must know")
                    .isEqualTo(WebhookServlet.class.getName());
            assertThat(registration.getMappings()).containsExactly(WebhookServlet.URL_MAPPING);
            assertThat(WebhookServlet.PATH).startsWith(WebhookServlet.URL_MAPPING.replace("*", ""));
            served.add(WebhookServlet.METHOD + " " + WebhookServlet.PATH);
        });
        return served;
    }

    @Test
    void theDocumentedOperationsEndpointsAnswer() throws Exception {
        JsonNode paths = document().path("paths");
        for (var names = paths.fieldNames(); names.hasNext(); ) {
            String path = names.next();
            if (path.startsWith("/actuator/")) {
                assertThat(get(path).statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void isServedWithoutCredentialsAsOpenApi3() throws Exception {
        JsonNode document = document();

        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("components").path("securitySchemes").has("bearerAuth")).isTrue();
        assertThat(document.path("components").path("schemas").path("Problem").path("properties")
                .path("code").path("enum")).hasSize(ErrorCode.values().length);
    }

    private JsonNode document() throws Exception {
        HttpResponse<String> response = get("/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
