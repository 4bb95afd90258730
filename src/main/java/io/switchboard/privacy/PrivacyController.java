package io.switchboard.privacy;

import io.switchboard.crm.CustomerApi;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A customer's rights, for an API key of scope {@code privacy:admin} (like {@link ConsentController}):
 * {@code GET /api/v1/privacy/customers/{id}/export} streams everything the hub holds on them ({@link CustomerExport});
 * {@code DELETE /api/v1/privacy/customers/{id}} records their erasure and queues its job ({@code 202 {requestId}});
 * {@code GET /api/v1/privacy/requests/{requestId}} shows its progress per system.
 */
@RestController
public class PrivacyController {

    private final CustomerExport export;
    private final ErasureRequests erasures;

    public PrivacyController(CustomerExport export, ErasureRequests erasures) {
        this.export = export;
        this.erasures = erasures;
    }

    @GetMapping(path = "/api/v1/privacy/customers/{customerId}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<StreamingResponseBody> export(@PathVariable String customerId) {
        String customer = CustomerApi.wellFormed(customerId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"customer-" + customer + ".json\"")
                .body(out -> export.write(customer, out));
    }

    @DeleteMapping(path = "/api/v1/privacy/customers/{customerId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> erase(@PathVariable String customerId) {
        String customer = CustomerApi.wellFormed(customerId);
        String requestId = erasures.request(customer, "api");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("requestId", requestId, "status", "accepted"));
    }

    @GetMapping(path = "/api/v1/privacy/requests/{requestId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> request(@PathVariable String requestId) {
        return erasures.status(requestId);
    }
}
