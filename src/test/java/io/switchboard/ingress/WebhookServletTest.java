package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.Problems;
import io.switchboard.errors.UpstreamUnavailable;
import io.switchboard.ingress.verification.GitHubScheme;
import io.switchboard.ingress.verification.WebhookDelivery;
import io.switchboard.tracing.RequestIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** What {@link WebhookServlet} hands to {@link WebhookIngress}, and how it answers, without a server around it. */
@ExtendWith(OutputCaptureExtension.class)
class WebhookServletTest {

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookIngress ingress = mock(WebhookIngress.class);
    private final WebhookServlet servlet = new WebhookServlet(
            new WebhookSources(new WebhookProperties(Map.of("github", new WebhookProperties.Source("github",
                    List.of("secret"), Duration.ofMinutes(5), DataSize.ofBytes(64), List.of(), null)), null),
                    List.of(new GitHubScheme())),
            ingress, new Problems(json), json.writerFor(WebhookIngress.Receipt.class));

    @Test
    void theDeliveryIsTheRequestAsTheVendorSentIt() throws Exception {
        byte[] body = {'{', '}', (byte) 0xff, (byte) 0xfe, '\r', '\n'};   // not even UTF-8: kept as sent
        MockHttpServletRequest request = post("/webhooks/github", body);
        request.setQueryString("a=1&b=%20x");
        request.addHeader("X-Hub-Signature-256", "sha256=00");
        request.addHeader("X-GitHub-Delivery", "d-1");
        request.addHeader("Authorization", "Bearer secret-token");
        request.addHeader("Cookie", "session=secret");
        request.addHeader("Proxy-Authorization", "Basic c2VjcmV0");
        when(ingress.accept(any(), any())).thenReturn(new WebhookIngress.Receipt("d-1", false));

        MockHttpServletResponse response = serve(request);

        ArgumentCaptor<WebhookDelivery> delivery = ArgumentCaptor.forClass(WebhookDelivery.class);
        verify(ingress).accept(any(), delivery.capture());
        assertThat(delivery.getValue().source()).isEqualTo("github");
        assertThat(delivery.getValue().method()).isEqualTo("POST");
        assertThat(delivery.getValue().uri()).isEqualTo("http://localhost/webhooks/github?a=1&b=%20x");
        assertThat(delivery.getValue().body()).isEqualTo(body);
        assertThat(delivery.getValue().headers())
                .containsEntry("x-hub-signature-256", "sha256=00")
                .containsEntry("x-github-delivery", "d-1")
                .containsEntry("authorization", "Bearer secret-token")   // for the basic scheme; never queued
                .doesNotContainKeys("cookie", "proxy-authorization");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString()).isEqualTo("{\"id\":\"d-1\",\"duplicate\":false}");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
    }

    @Test
    void anUnexpectedFailureIsLoggedOnceAndAnsweredWithOnlyTheRequestId(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = post("/webhooks/github", "{}".getBytes());
        request.setAttribute(RequestIds.ATTRIBUTE, "req-42");
        when(ingress.accept(any(), any())).thenThrow(new IllegalStateException("journal full at /var/data/x"));

        MockHttpServletResponse response = serve(request);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).isEqualTo(Problems.MEDIA_TYPE);
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.path("code").asText()).isEqualTo("internal_error");
        assertThat(problem.path("requestId").asText()).isEqualTo("req-42");
        assertThat(response.getContentAsString()).doesNotContain("journal", "IllegalState", "at io.");
        assertThat(output.getAll().split("journal full at /var/data/x", -1)).hasSize(2);
    }

    @Test
    void aBrokerThatCannotTakeTheDeliveryIs503WithRetryAfter() throws Exception {
        when(ingress.accept(any(), any())).thenThrow(new UpstreamUnavailable("broker", Duration.ofSeconds(5)));

        MockHttpServletResponse response = serve(post("/webhooks/github", "{}".getBytes()));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).isEqualTo(Problems.MEDIA_TYPE);
        assertThat(json.readTree(response.getContentAsString()).path("code").asText()).isEqualTo("upstream_unavailable");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnreadCountedAndNotAccepted() throws Exception {
        MockHttpServletRequest request = post("/webhooks/github", new byte[65]);

        MockHttpServletResponse response = serve(request);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(json.readTree(response.getContentAsString()).path("code").asText()).isEqualTo("payload_too_large");
        verify(ingress).reject("github", "payload_too_large");
        verify(ingress, never()).accept(any(), any());
    }

    @Test
    void otherMethodsAreRefusedBeforeAnythingIsRead() throws Exception {
        MockHttpServletRequest request = post("/webhooks/github", "{}".getBytes());
        request.setMethod("PUT");

        MockHttpServletResponse response = serve(request);

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("POST");
        verifyNoInteractions(ingress);
    }

    @Test
    void theSourceIsMatchedOnTheRawUriAsSpringMvcMatchedIt() {
        assertThat(source("", "/webhooks/github")).isEqualTo("github");
        assertThat(source("", "/webhooks/github;v=1")).isEqualTo("github");
        assertThat(source("", "/webhooks;x=1/github")).isEqualTo("github");
        assertThat(source("", "/webhooks/git%2Fhub")).isEqualTo("git/hub");
        assertThat(source("", "/webhooks/nob%C3%BCdy")).isEqualTo("nobüdy");
        assertThat(source("/hub", "/hub/webhooks/github")).isEqualTo("github");
        for (String other : List.of("/webhooks", "/webhooks/", "/webhooks/github/", "/webhooks/a/b", "/webhooks/;x=1",
                "/webhooks/./github", "/webhooks/../webhooks/github", "/webhooks//github", "/WEBHOOKS/github")) {
            assertThat(source("", other)).as(other).isNull();
        }
    }

    private static String source(String contextPath, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setContextPath(contextPath);
        return WebhookServlet.source(request);
    }

    private static MockHttpServletRequest post(String uri, byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setContent(body);
        return request;
    }

    private MockHttpServletResponse serve(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        servlet.service(request, response);
        return response;
    }
}
