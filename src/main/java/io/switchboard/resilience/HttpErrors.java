package io.switchboard.resilience;

import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/** A vendor's failed answer as camel-http reports it: its status, headers and a 429 for "too many requests". */
@Component
public class HttpErrors implements VendorErrors {

    @Override
    public int status(Throwable failure) {
        return failure instanceof HttpOperationFailedException http ? http.getStatusCode() : -1;
    }

    @Override
    public boolean rateLimited(Throwable failure) {
        return failure instanceof HttpOperationFailedException http && http.getStatusCode() == 429;
    }

    @Override
    public Map<String, String> headers(Throwable failure) {
        return failure instanceof HttpOperationFailedException http && http.getResponseHeaders() != null
                ? http.getResponseHeaders() : Map.of();
    }
}
