package io.switchboard.api;

import static io.switchboard.support.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import io.switchboard.support.Http;
import io.switchboard.support.Tokens;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the servlet container and Spring MVC answer by themselves (the error page, methods no endpoint serves,
 * CORS preflights) is the contract's problem+json too.
 */
@HubTest
class ContainerErrorsTest {

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFound() throws Exception {
        for (String method : List.of("GET", "POST", "DELETE")) {
            assertProblem(http.send(method, "/error", (String) null), 404, "not_found");
        }
    }

    @Test
    void traceIsDisabledWith405ProblemAndAllow() throws Exception {
        for (String path : List.of("/api/v1/orders/1001", "/webhooks/github", "/admin/api-keys", "/", "/error")) {
            HttpResponse<String> response = http.send("TRACE", path, (String) null,
                    "Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

            assertProblem(response, 405, "invalid_request");
            assertThat(response.headers().firstValue("Allow")).as(path).isPresent();
            assertThat(response.headers().firstValue("Allow").get()).as(path).doesNotContain("TRACE");
            assertThat(response.body()).as("nothing echoed").doesNotContain("Bearer");
        }
    }

    @Test
    void aCorsPreflightOnTheWebhookDoorIsAForbiddenProblem() throws Exception {
        for (String path : List.of("/webhooks/github", "/webhooks/nosuchsource", "/webhooks/a/b")) {
            HttpResponse<String> response = http.send("OPTIONS", path, (String) null,
                    "Origin", "https://attacker.example", "Access-Control-Request-Method", "POST");

            assertProblem(response, 403, "forbidden");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void aCrossOriginRequestOrPreflightElsewhereIsAForbiddenProblemToo() throws Exception {
        for (String path : List.of("/api/v1/orders/1001", "/admin/api-keys", "/actuator/health", "/nothing")) {
            HttpResponse<String> preflight = http.send("OPTIONS", path, (String) null,
                    "Origin", "https://attacker.example", "Access-Control-Request-Method", "GET");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
            if (preflight.statusCode() >= 400) {
                assertProblem(preflight, 403, "forbidden");
            }
        }
    }

    @Test
    void aMethodNoChatRouteServesIs405WithAllow() throws Exception {
        HttpResponse<String> response = http.send("DELETE", "/api/v1/orders/1001", (String) null,
                "Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read"));

        assertThat(response.statusCode()).isIn(404, 405);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        if (response.statusCode() == 405) {
            assertThat(response.headers().firstValue("Allow")).isPresent();
        }
    }
}
