package io.switchboard.connectors.freshdesk;

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

/** Freshdesk API v2: an internal note on a ticket, a private note (its body is HTML). */
@Component("freshdeskCommentMapper")
public class FreshdeskCommentMapper {

    private final ObjectMapper json;

    public FreshdeskCommentMapper(ObjectMapper json) {
        this.json = json;
    }

    public String commentPath(TicketComment comment) {
        return "/api/v2/tickets/" + ticket(comment) + "/notes";
    }

    private static String ticket(TicketComment comment) {
        return UriUtils.encodePathSegment(comment.ticketId(), StandardCharsets.UTF_8);
    }

    public String commentBody(TicketComment comment) throws JsonProcessingException {
        ObjectNode body = json.createObjectNode();
        String html = org.springframework.web.util.HtmlUtils.htmlEscape(comment.note()).replace("\n", "<br>");
        body.put("body", html).put("private", true);
        return json.writeValueAsString(body);
    }

    /** The id of what was created, out of the vendor's answer. */
    public String commentId(String answer) {
        JsonNode created = VendorJson.read(json, answer, "Freshdesk");
        JsonNode id = created.path("id");
        if (!id.isValueNode() || id.asText().isBlank()) {
            throw new UnreadableUpstreamResponse("Freshdesk comment without id", null);
        }
        return id.asText();
    }
}
