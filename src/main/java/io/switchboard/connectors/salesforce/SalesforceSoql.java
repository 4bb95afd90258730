package io.switchboard.connectors.salesforce;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.NotFound;
import io.switchboard.model.CustomerLookup;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * SOQL the Salesforce adapter sends. Every value from outside becomes a string literal through {@link #literal},
 * escaped as SOQL's "Quoted String Escape Sequences" define it, so that no input can end the literal early.
 */
@Component("salesforceSoql")
public class SalesforceSoql {

    /** A Salesforce record id: 15 characters (case-sensitive) or 18 (case-safe). */
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");

    private final SalesforceContactMapper contacts;

    public SalesforceSoql(SalesforceContactMapper contacts) {
        this.contacts = contacts;
    }

    /** The Contact matching a lookup by email, else by phone (Phone or MobilePhone); the latest modified wins. */
    public String contactLookup(CustomerLookup lookup) {
        String where;
        if (lookup != null && lookup.email() != null && !lookup.email().isBlank()) {
            where = "Email = " + literal(lookup.email().trim());
        } else if (lookup != null && lookup.phone() != null && !lookup.phone().isBlank()) {
            String phone = literal(lookup.phone().trim());
            where = "Phone = " + phone + " OR MobilePhone = " + phone;
        } else {
            throw new InvalidRequest("lookup", "an email or a phone is required");
        }
        return "SELECT " + contacts.fields() + " FROM Contact WHERE " + where + " ORDER BY LastModifiedDate DESC LIMIT 1";
    }

    /** A record id as the sObject resource takes it, or not found (the CRM is not asked about something else). */
    public String recordId(String id, String what) {
        if (id == null || !RECORD_ID.matcher(id).matches()) {
            throw new NotFound(what + " " + id);
        }
        return id;
    }

    public static boolean isRecordId(String id) {
        return id != null && RECORD_ID.matcher(id).matches();
    }

    /** {@code value} as a SOQL string literal, quotes included. */
    public static String literal(String value) {
        StringBuilder soql = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> soql.append("\\\\");
                case '\'' -> soql.append("\\'");
                case '"' -> soql.append("\\\"");
                case '\n' -> soql.append("\\n");
                case '\r' -> soql.append("\\r");
                case '\t' -> soql.append("\\t");
                case '\b' -> soql.append("\\b");
                case '\f' -> soql.append("\\f");
                default -> {
                    if (Character.isISOControl(c)) {
                        soql.append(String.format("\\u%04x", (int) c));
                    } else {
                        soql.append(c);
                    }
                }
            }
        }
        return soql.append('\'').toString();
    }
}
