package io.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A breaker that timed out: the vendor's late answer must not reach the exchange the route went on with. */
class BreakerIsolationTest {

    @Test
    void aLateAnswerAfterTheBreakersTimeoutDoesNotReplaceWhatTheRouteWentOnWith() throws Exception {
        AtomicReference<Object> seenAfterTheLateAnswer = new AtomicReference<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getCamelContextExtension().addInterceptStrategy(new BreakerIsolation());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:read")
                            .doTry()
                                .circuitBreaker()
                                    .resilience4jConfiguration().timeoutEnabled(true).timeoutDuration(200).end()
                                    .process(exchange -> {
                                        Thread.sleep(500);   // the vendor answers, but too late
                                        exchange.getMessage().setBody("{\"vendor\":\"raw answer\"}");
                                    })
                                .end()
                            .endDoTry()
                            .doCatch(Exception.class)
                                .setBody(constant("upstream_timeout"))
                            .end()
                            // the route is still at work when the late answer comes
                            .process(exchange -> {
                                Thread.sleep(700);
                                seenAfterTheLateAnswer.set(exchange.getMessage().getBody());
                            });
                }
            });
            camel.start();

            Object answer = camel.createProducerTemplate().requestBody("direct:read", "order 1001");

            assertThat(seenAfterTheLateAnswer.get()).isEqualTo("upstream_timeout");
            assertThat(answer).isEqualTo("upstream_timeout");
        }
    }
}
