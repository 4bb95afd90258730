package io.switchboard.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.CrmActivity;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Conversation events as completed Tasks, and how an earlier attempt's Task is recognised. */
class SalesforceTasksTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SalesforceTasks tasks = new SalesforceTasks(json, SalesforcePropertiesFixture.with("", "", ""));
    private final CrmActivity activity = new CrmActivity("evt-42", "003Dp000001BobNAAS", "conv-7", "message",
            "customer", "Where is my parcel?", Instant.parse("2026-11-24T23:30:00Z"));

    @Test
    void aCompletedTaskOnTheContact() throws Exception {
        JsonNode task = json.readTree(tasks.body(activity));

        assertThat(task.path("WhoId").asText()).isEqualTo("003Dp000001BobNAAS");
        assertThat(task.path("Subject").asText()).isEqualTo("Chat conv-7: message (customer)");
        assertThat(task.path("Description").asText()).isEqualTo("Where is my parcel?\n\nSwitchboard event evt-42");
        assertThat(task.path("ActivityDate").asText()).isEqualTo("2026-11-24");
        assertThat(task.path("Status").asText()).isEqualTo("Completed");
    }

    @Test
    void theLookupFindsTheTaskByItsEventReferenceOnly() {
        String answer = """
                {"totalSize":2,"done":true,"records":[
                 {"attributes":{"type":"Task","url":"/services/data/v65.0/sobjects/Task/00TDp000003Sbx1MAS"},
                  "Id":"00TDp000003Sbx1MAS","Description":"Where is my parcel?\\n\\nSwitchboard event evt-421"},
                 {"attributes":{"type":"Task","url":"/services/data/v65.0/sobjects/Task/00TDp000003Sbx2MAS"},
                  "Id":"00TDp000003Sbx2MAS","Description":"Where is my parcel?\\n\\nSwitchboard event evt-42"}]}""";

        assertThat(tasks.existing(answer, activity)).isEqualTo("00TDp000003Sbx2MAS");
        assertThat(tasks.existing("{\"totalSize\":0,\"done\":true,\"records\":[]}", activity)).isNull();
        assertThat(tasks.lookupQuery(new CrmActivity("e", "003Dp000001BobNAAS", "it's", "message", null, null,
                activity.at()))).isEqualTo("SELECT Id, Description FROM Task WHERE WhoId = '003Dp000001BobNAAS'"
                + " AND Subject = 'Chat it\\'s: message' AND ActivityDate = 2026-11-24"
                + " ORDER BY CreatedDate DESC LIMIT 200");
    }

    @Test
    void theSavedTasksIdOrAnUpstreamFailure() {
        assertThat(tasks.savedId("{\"id\":\"00TDp000003SbxTMAS\",\"success\":true,\"errors\":[]}"))
                .isEqualTo("00TDp000003SbxTMAS");
        assertThatThrownBy(() -> tasks.savedId("{\"success\":false,\"errors\":[{\"message\":\"x\"}]}"))
                .isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> tasks.savedId("not json")).isInstanceOf(UnreadableUpstreamResponse.class);
    }

    @Test
    void anActivityOfNoSalesforceContactIsNotFound() {
        assertThatThrownBy(() -> tasks.checked(new CrmActivity("e", "207119551", "c", "message", null, null, activity.at())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(tasks.upsertsByExternalId()).isFalse();
        assertThat(new SalesforceTasks(json, SalesforcePropertiesFixture.with("", "", "Switchboard_Event_Id__c"))
                .upsertsByExternalId()).isTrue();
    }
}
