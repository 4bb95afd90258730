package io.switchboard.api;

import io.switchboard.errors.ApiException;
import io.switchboard.errors.InternalServerError;
import io.switchboard.errors.Problems;
import io.switchboard.errors.Unauthenticated;
import io.switchboard.resilience.UpstreamFailures;
import io.switchboard.tracing.RequestIds;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Answers a failed chat API exchange with the contract's problem+json: typed errors as they are, vendor
 * failures through {@link UpstreamFailures}, anything else as {@code internal_error} with only the request id.
 */
@Component("problemResponder")
public class ProblemResponder implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

    private final UpstreamFailures upstream;
    private final Problems problems;

    public ProblemResponder(UpstreamFailures upstream, Problems problems) {
        this.upstream = upstream;
        this.problems = problems;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String source = exchange.getProperty(UpstreamFailures.SOURCE, String.class);
        String requestId = MDC.get(RequestIds.MDC_KEY);
        ApiException error = upstream.classify(failure, source).orElseGet(() -> {
            log.error("Unexpected failure", failure);
            return new InternalServerError(requestId);
        });
        if (error.code().status() >= 500 && !(error instanceof InternalServerError)) {
            // the class only: vendor messages can carry URLs with credentials in them
            log.warn("{} answered {}: {}", source, error.code().code(), rootCause(failure).getClass().getSimpleName());
        }
        respond(exchange.getMessage(), error, requestId);
    }

    private void respond(Message message, ApiException error, String requestId) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.code().status());
        message.setHeader(Exchange.CONTENT_TYPE, Problems.MEDIA_TYPE);
        if (error.retryAfter() != null) {
            message.setHeader("Retry-After", Math.max(1, error.retryAfter().toSeconds()));
        }
        if (error instanceof Unauthenticated) {
            message.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
        }
        message.setBody(problems.body(error, requestId));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
