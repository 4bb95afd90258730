package io.switchboard.resilience;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.ExchangeHelper;
import org.springframework.stereotype.Component;

/**
 * Runs every circuit breaker of the routes on a copy of the exchange, and takes its outcome from the copy once.
 * When a breaker's time limiter gives up on a call, camel-resilience4j leaves the call running and, should the vendor
 * answer later, copies that answer onto the exchange it was given, after the route has gone on: a timed-out order read
 * would then leave with the vendor's raw JSON as its body. On a copy, such a late answer lands on an exchange that
 * nothing reads any more.
 */
@Component
public class BreakerIsolation implements InterceptStrategy {

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        return definition instanceof CircuitBreakerDefinition ? new Isolated(target) : target;
    }

    private static final class Isolated extends AsyncProcessorSupport {

        private final AsyncProcessor breaker;

        Isolated(Processor breaker) {
            this.breaker = AsyncProcessorConverterHelper.convert(breaker);
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            Exchange isolated = exchange.copy();
            return breaker.process(isolated, doneSync -> {
                Throwable failure = isolated.getException();
                if (failure == null) {
                    ExchangeHelper.copyResults(exchange, isolated);
                } else {
                    // what failed, and the breaker's verdict; not the message, which a late answer may be writing
                    exchange.getProperties().putAll(isolated.getProperties());
                    exchange.setException(failure);
                }
                callback.done(doneSync);
            });
        }
    }
}
