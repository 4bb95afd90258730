package io.switchboard.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationPredicate;
import io.switchboard.errors.Problems;
import io.switchboard.messaging.WebhookMetrics;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Mounts {@link WebhookServlet} on {@code /webhooks/*}, beside Spring MVC's dispatcher: the filters mapped to every
 * path (request id first) run for it as for any request.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookServletConfiguration {

    @Bean
    ServletRegistrationBean<WebhookServlet> webhookServletRegistration(WebhookSources sources, WebhookIngress ingress,
            Problems problems, ObjectMapper json) {
        WebhookServlet servlet = new WebhookServlet(sources, ingress, problems,
                json.writerFor(WebhookIngress.Receipt.class));
        ServletRegistrationBean<WebhookServlet> registration =
                new ServletRegistrationBean<>(servlet, WebhookServlet.URL_MAPPING);
        registration.setName(WebhookServlet.NAME);
        return registration;
    }

    /**
     * Leaves webhook requests out of {@code http.server.requests}: the door is counted per source and outcome by
     * {@link WebhookMetrics}, and a timer observation per delivery is a cost the busiest endpoint need not pay.
     */
    @Bean
    ObservationPredicate webhooksOutOfHttpServerObservations() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && servedByWebhookServlet(server.getCarrier()));
    }

    private static boolean servedByWebhookServlet(HttpServletRequest request) {
        return request != null && request.getHttpServletMapping() != null
                && WebhookServlet.NAME.equals(request.getHttpServletMapping().getServletName());
    }
}
