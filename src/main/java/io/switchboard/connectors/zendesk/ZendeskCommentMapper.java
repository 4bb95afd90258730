package io.switchboard.connectors.zendesk;

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

/** Zendesk Support API v2: an internal note on a ticket, a private comment added by updating it. */
@Component("zendeskCommentMapper")
public class ZendeskCommentMapper {

    private final ObjectMapper json;

    public ZendeskCommentMapper(ObjectMapper json) {
        this.json = json;
    }

    public String commentPath(TicketComment comment) {
        return "/api/v2/tickets/" + ticket(comment) + ".json";
    }

    private static String ticket(TicketComment comment) {
        return UriUtils.encodePathSegment(comment.ticketId(), StandardCharsets.UTF_8);
    }

    public String commentBody(TicketComment comment) throws JsonProcessingException {
        ObjectNode body = json.createObjectNode();
        body.putObject("ticket").putObject("comment").put("body", comment.note()).put("public", false);
        return json.writeValueAsString(body);
    }

    /** The id of what was created, out of the vendor's answer. */
    public String commentId(String answer) {
        JsonNode created = VendorJson.read(json, answer, "Zendesk");
        JsonNode id = created.path("audit").path("id").isValueNode() ? created.path("audit").path("id") : created.path("ticket").path("id");
        if (!id.isValueNode() || id.asText().isBlank()) {
            throw new UnreadableUpstreamResponse("Zendesk comment without id", null);
        }
        return id.asText();
    }
}
