package io.switchboard.privacy;

import io.switchboard.errors.NotFound;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports stored for an operator to hand over (Shopify's customers/data_request), sealed at rest:
 * {@code GET /api/v1/privacy/exports/{exportId}} (scope {@code privacy:admin}) answers the document as it was made.
 * They are removed after {@code switchboard.retention.exports}, and with the customer's erasure.
 */
@RestController
public class PrivacyExports {

    private static final Pattern ID = Pattern.compile("exp_[0-9a-f-]{36}");

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;

    public PrivacyExports(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Where a sealed export belongs: the associated data it is sealed with. */
    public static String context(String exportId) {
        return "privacy_exports/" + exportId + "/document";
    }

    @GetMapping(path = "/api/v1/privacy/exports/{exportId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public String export(@PathVariable String exportId) {
        if (!ID.matcher(exportId).matches()) {
            throw new NotFound("Export " + exportId);
        }
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT key_id, document_sealed FROM privacy_exports"
                + " WHERE export_id = ?", exportId);
        if (rows.isEmpty()) {
            throw new NotFound("Export " + exportId);
        }
        return cipher.open((String) rows.get(0).get("key_id"), (byte[]) rows.get(0).get("document_sealed"),
                context(exportId));
    }
}
