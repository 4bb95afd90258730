package io.switchboard.reactions;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.model.TicketComment;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The helpdesks' adapters of direct:helpdesk.ticket.comment against their sandboxes: an internal note in each
 * vendor's documented shape, once, answered with the vendor's id of it. (The order.shipped reaction runs the one of
 * switchboard.helpdesk.provider: ReactionCallsTest for Zendesk.)
 */
@HubTest
class TicketCommentAdaptersTest {

    @Autowired
    ProducerTemplate camel;

    @Test
    void zendeskTakesAPrivateCommentByUpdatingTheTicket() {
        String event = "evt_" + UUID.randomUUID();

        String id = camel.requestBody("direct:helpdesk.zendesk.ticket.comment",
                new TicketComment("35436", "Order 1001 has shipped.", event), String.class);

        assertThat(id).isEqualTo("2127301143");
        Sandboxes.server("zendesk").verify(1, putRequestedFor(urlPathEqualTo("/api/v2/tickets/35436.json"))
                .withRequestBody(matchingJsonPath("$.ticket.comment.public", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo(
                        "Order 1001 has shipped.\n\nSwitchboard event " + event))));
    }

    @Test
    void freshdeskTakesAPrivateNote() {
        String event = "evt_" + UUID.randomUUID();

        String id = camel.requestBody("direct:helpdesk.freshdesk.ticket.comment",
                new TicketComment("4217", "Order 1001 has shipped <now>.", event), String.class);

        assertThat(id).isEqualTo("80000001234");
        Sandboxes.server("freshdesk").verify(1, postRequestedFor(urlPathEqualTo("/api/v2/tickets/4217/notes"))
                .withRequestBody(matchingJsonPath("$.private", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.body", equalTo(
                        "Order 1001 has shipped &lt;now&gt;.<br><br>Switchboard event " + event))));
    }

    @Test
    void jiraServiceManagementTakesAnInternalComment() {
        String event = "evt_" + UUID.randomUUID();

        String id = camel.requestBody("direct:helpdesk.jira.ticket.comment",
                new TicketComment("SUP-2", "Order 1001 has shipped.", event), String.class);

        assertThat(id).isEqualTo("1000");
        Sandboxes.server("jira").verify(1, postRequestedFor(urlPathEqualTo("/rest/servicedeskapi/request/SUP-2/comment"))
                .withRequestBody(matchingJsonPath("$.public", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.body", equalTo("Order 1001 has shipped.\n\nSwitchboard event " + event))));
    }
}
