package io.switchboard.api;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets an encoded slash ({@code %2F}) in a path reach the application, where it fails validation as a
 * problem+json answer, instead of Tomcat refusing it with an HTML page. Routing is unaffected: the slash stays
 * encoded, so it never splits a path segment.
 */
@Component
public class TomcatPaths implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
