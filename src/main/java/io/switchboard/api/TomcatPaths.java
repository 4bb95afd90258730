package io.switchboard.api;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat as the contract needs it: an encoded slash ({@code %2F}) in a path reaches the application, where it fails
 * validation as a problem+json answer (routing is unaffected: the slash stays encoded, so it never splits a path
 * segment), {@code TRACE} reaches the filters (which refuse it), and what Tomcat refuses by itself is answered as
 * problem+json too ({@link ProblemErrorReportValve}).
 */
@Component
public class TomcatPaths implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            // Tomcat would refuse TRACE itself with an empty body; let it through to RequestInputFilter, which
            // refuses it as problem+json before any servlet could echo the request
            connector.setAllowTrace(true);
        });
        factory.addContextCustomizers(context -> ((StandardHost) context.getParent())
                .setErrorReportValveClass(ProblemErrorReportValve.class.getName()));
    }
}
