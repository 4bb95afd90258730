package io.switchboard.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.VendorJson;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.NotFound;
import io.switchboard.model.CrmActivity;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * A conversation event as a completed Salesforce Task on the customer's Contact ({@code WhoId}), written once:
 * <ul>
 *   <li>with {@code switchboard.vendors.salesforce.task-external-id-field} (an External ID, unique field on Task):
 *       upserted by the hub's event id, so any number of attempts leave one Task (one call);</li>
 *   <li>without it: looked up first, among the contact's Tasks of that subject and day, by the event reference the
 *       hub writes on the Task's last line ({@code Description} is a long text area, which SOQL cannot filter), and
 *       created only when none is found. The create itself is not repeated after a failure that may have taken
 *       effect; the next attempt's lookup finds it instead.</li>
 * </ul>
 */
@Component("salesforceTasks")
public class SalesforceTasks {

    /** Task.Subject holds 255 characters, Task.Description 32,000. */
    private static final int SUBJECT_MAX = 255;
    private static final int DESCRIPTION_MAX = 32_000;

    private final ObjectMapper json;
    private final String externalIdField;

    public SalesforceTasks(ObjectMapper json, SalesforceProperties properties) {
        this.json = json;
        this.externalIdField = properties.taskExternalIdField().trim();
    }

    public boolean upsertsByExternalId() {
        return !externalIdField.isEmpty();
    }

    public String externalIdField() {
        return externalIdField;
    }

    /** The activity, checked: it must name a Salesforce Contact and carry its event id. */
    public CrmActivity checked(CrmActivity activity) {
        if (activity == null || activity.eventId() == null || activity.eventId().isBlank()) {
            throw new InvalidRequest("eventId", "is required");
        }
        if (!SalesforceSoql.isRecordId(activity.customerId())) {
            throw new NotFound("Customer " + activity.customerId());
        }
        if (activity.at() == null) {
            throw new InvalidRequest("at", "is required");
        }
        return activity;
    }

    /** The Task's fields: completed, on the Contact, dated the day of the event (UTC). */
    public String body(CrmActivity activity) {
        ObjectNode task = json.createObjectNode();
        task.put("WhoId", activity.customerId());
        task.put("Subject", truncate(activity.subject(), SUBJECT_MAX));
        task.put("Description", description(activity));
        task.put("ActivityDate", activity.at().atZone(ZoneOffset.UTC).toLocalDate().toString());
        task.put("Status", "Completed");
        return task.toString();
    }

    /** The contact's Tasks of this subject and day, with their descriptions to find the event reference in. */
    public String lookupQuery(CrmActivity activity) {
        return "SELECT Id, Description FROM Task WHERE WhoId = " + SalesforceSoql.literal(activity.customerId())
                + " AND Subject = " + SalesforceSoql.literal(truncate(activity.subject(), SUBJECT_MAX))
                + " AND ActivityDate = " + activity.at().atZone(ZoneOffset.UTC).toLocalDate()
                + " ORDER BY CreatedDate DESC LIMIT 200";
    }

    /** The id of the Task an earlier attempt created for this event, or null. */
    public String existing(String queryJson, CrmActivity activity) {
        JsonNode records = read(queryJson).path("records");
        if (!records.isArray()) {
            throw new UnreadableUpstreamResponse("Salesforce query answer without records", null);
        }
        String reference = reference(activity);
        for (JsonNode task : records) {
            if (task.path("Description").asText("").endsWith(reference) && task.path("Id").isTextual()) {
                return task.path("Id").asText();
            }
        }
        return null;
    }

    /** The Task's id from a create or upsert answer ({@code {"id","success","errors"}}). */
    public String savedId(String answerJson) {
        JsonNode answer = read(answerJson);
        if (!answer.path("success").asBoolean(false) || !answer.path("id").isTextual()) {
            throw new UnreadableUpstreamResponse("Salesforce saved no Task", null);
        }
        return answer.path("id").asText();
    }

    /** What was said, then the event reference on the last line. */
    String description(CrmActivity activity) {
        String reference = reference(activity);
        String text = activity.text() == null || activity.text().isBlank() ? "" : activity.text().strip() + "\n\n";
        return truncate(text, DESCRIPTION_MAX - reference.length() - 2) + reference;
    }

    private static String reference(CrmActivity activity) {
        return "Switchboard event " + activity.eventId();
    }

    private JsonNode read(String body) {
        return VendorJson.readObject(json, body, "Salesforce");
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
