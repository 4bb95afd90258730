package io.switchboard.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.Problems;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
