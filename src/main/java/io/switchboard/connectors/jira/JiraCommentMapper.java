package io.switchboard.connectors.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.VendorJson;
import io.switchboard.model.TicketComment;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** Jira Service Management: an internal note on a request, a comment that is not public. */
@Component("jiraCommentMapper")
public class JiraCommentMapper {

    private final ObjectMapper json;

    public JiraCommentMapper(ObjectMapper json) {
        this.json = json;
    }

    public String commentPath(TicketComment comment) {
        return "/rest/servicedeskapi/request/" + ticket(comment) + "/comment";
    }

    private static String ticket(TicketComment comment) {
        return UriUtils.encodePathSegment(comment.ticketId(), StandardCharsets.UTF_8);
    }

    public String commentBody(TicketComment comment) throws JsonProcessingException {
        ObjectNode body = json.createObjectNode();
        body.put("body", comment.note()).put("public", false);
        return json.writeValueAsString(body);
    }

    /** The id of what was created, out of the vendor's answer. */
    public String commentId(String answer) {
        JsonNode created = VendorJson.read(json, answer, "Jira");
        JsonNode id = created.path("id");
        if (!id.isValueNode() || id.asText().isBlank()) {
            throw new UnreadableUpstreamResponse("Jira comment without id", null);
        }
        return id.asText();
    }
}
