package io.switchboard.connectors.salesforce;

import io.switchboard.resilience.VendorErrors;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Salesforce's failed answers: camel-salesforce's own client reports them as a {@link SalesforceException} (a status
 * when Salesforce answered, 0 when it did not), and Salesforce says "too many requests" as a 403 with
 * {@code REQUEST_LIMIT_EXCEEDED} (its errorcodes.htm), over camel-salesforce or plain HTTP alike.
 */
@Component
public class SalesforceErrors implements VendorErrors {

    private static final String LIMIT = "REQUEST_LIMIT_EXCEEDED";

    @Override
    public int status(Throwable failure) {
        return failure instanceof SalesforceException salesforce && salesforce.getStatusCode() > 0
                ? salesforce.getStatusCode() : -1;
    }

    @Override
    public boolean rateLimited(Throwable failure) {
        if (failure instanceof SalesforceException salesforce && salesforce.getStatusCode() > 0) {
            return salesforce.getStatusCode() == 429 || salesforce.getStatusCode() == 403
                    && salesforce.getErrors().stream().map(RestError::getErrorCode).anyMatch(LIMIT::equals);
        }
        return failure instanceof HttpOperationFailedException http && http.getStatusCode() == 403
                && http.getResponseBody() != null && http.getResponseBody().contains(LIMIT);
    }
}
