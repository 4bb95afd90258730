package io.switchboard.mcp;

import io.switchboard.mcp.ChatTool.Hints;
import io.switchboard.mcp.ChatTool.RouteRequest;
import io.switchboard.security.Caller;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one list of tools over the chat capabilities. The MCP server ({@link McpServerConfiguration}) and the
 * function-calling schemas ({@link ToolSchemasController}) are both made from it, so they cannot drift apart.
 * Each tool names the chat API route behind its REST endpoint; {@link ToolCalls} runs that route.
 */
@Component
public class ChatTools {

    private static final Map<String, Object> ORDER_NUMBER = string(
            "The order number as the customer knows it, e.g. \"1001\" or \"#1001\".", "^#?[A-Za-z0-9-]{1,40}$");
    private static final Map<String, Object> CUSTOMER_ID = string(
            "The customer's id in the CRM. Leave it out to mean the customer of this conversation, which is the"
                    + " only customer whose data this conversation may see.", "^[A-Za-z0-9_-]{1,64}$");
    private static final Map<String, Object> CONVERSATION_ID = string(
            "The id of this chat conversation, as the chat backend names it.", "^[A-Za-z0-9_.:-]{1,128}$");
    private static final Map<String, Object> TIMESTAMP = Map.of("type", "string", "format", "date-time",
            "description", "When it was said or happened, RFC 3339 in UTC, e.g. \"2026-11-24T06:00:00Z\".");
    private static final List<String> ROLES = List.of("customer", "assistant", "agent");

    private final List<ChatTool> tools = List.of(
            new ChatTool("get_order_status", "Order status",
                    "Look up where one of the customer's orders is: its status (e.g. processing, in_transit,"
                            + " delivered, cancelled), carrier, tracking link and estimated delivery. Only the"
                            + " customer's own orders are found; another customer's order is reported as"
                            + " not_found, exactly like a missing one.",
                    object(Map.of("orderNumber", ORDER_NUMBER), List.of("orderNumber")),
                    "direct:api.orders.get",
                    (arguments, caller) -> header("orderNumber", text(arguments, "orderNumber")),
                    Hints.READ),
            new ChatTool("cancel_order", "Cancel an order",
                    "Ask for one of the customer's orders to be cancelled. Needs a customer who verified who they"
                            + " are: otherwise the answer is step_up_required, and you should ask the customer to"
                            + " verify first. An order that has shipped cannot be cancelled (conflict). The"
                            + " cancellation happens in the background; the answer status cancellation_requested"
                            + " means it was accepted. Safe to repeat: the order is cancelled once however often"
                            + " it is asked.",
                    object(Map.of("orderNumber", ORDER_NUMBER), List.of("orderNumber")),
                    "direct:api.orders.cancel",
                    (arguments, caller) -> header("orderNumber", text(arguments, "orderNumber")),
                    new Hints(false, true, true)),
            new ChatTool("change_order_address", "Change an order's shipping address",
                    "Ask for the shipping address of one of the customer's orders to be changed. Needs a customer"
                            + " who verified who they are: otherwise the answer is step_up_required, and you should"
                            + " ask the customer to verify first. Only an order that has not shipped yet can change"
                            + " its address (conflict otherwise). The change happens in the background; the answer"
                            + " status address_change_requested means it was accepted. The address is never shown"
                            + " back: do not repeat it to anyone but the customer.",
                    object(Map.ofEntries(
                            Map.entry("orderNumber", ORDER_NUMBER),
                            Map.entry("firstName", line("The recipient's first name.")),
                            Map.entry("lastName", line("The recipient's last name.")),
                            Map.entry("company", line("A company name, if any.")),
                            Map.entry("address1", line("Street and house number.")),
                            Map.entry("address2", line("Apartment, suite or floor, if any.")),
                            Map.entry("city", line("The city.")),
                            Map.entry("province",
                                    line("The state or province code where the country has them, e.g. \"KY\".")),
                            Map.entry("postalCode", line("The postal code.")),
                            Map.entry("countryCode",
                                    string("The country, ISO 3166-1 alpha-2, e.g. \"US\".", "^[A-Za-z]{2}$")),
                            Map.entry("phone", line("A phone number for the carrier, if any."))),
                            List.of("orderNumber", "firstName", "lastName", "address1", "city", "postalCode",
                                    "countryCode")),
                    "direct:api.orders.address",
                    (arguments, caller) -> new RouteRequest(
                            header("orderNumber", text(arguments, "orderNumber")).headers(),
                            pick(arguments, "firstName", "lastName", "company", "address1", "address2", "city",
                                    "province", "postalCode", "countryCode", "phone")),
                    new Hints(false, false, false)),
            new ChatTool("get_customer", "Customer profile",
                    "Look up the customer of this conversation in the CRM: name, email, phone, tier and"
                            + " language. Use it to greet or address the customer; never reveal it to anyone else.",
                    object(Map.of("customerId", CUSTOMER_ID), List.of()),
                    "direct:api.customers.get",
                    (arguments, caller) -> header("customerId", customerId(arguments, caller)),
                    Hints.READ),
            new ChatTool("get_customer_context", "Customer context",
                    "Everything about the customer of this conversation at once: their CRM profile, recent orders"
                            + " and open helpdesk tickets, asked in parallel. A system that could not answer is"
                            + " marked in sources (unavailable or timeout) while the rest is still given: do not"
                            + " read a missing part as \"none\".",
                    object(Map.of("customerId", CUSTOMER_ID), List.of()),
                    "direct:api.customers.context",
                    (arguments, caller) -> header("customerId", customerId(arguments, caller)),
                    Hints.READ),
            new ChatTool("search_knowledge_base", "Search help articles",
                    "Search the help center for articles that answer a question, e.g. \"how do I return an"
                            + " item\". Answers titles, plain-text snippets and links to the articles.",
                    object(Map.of(
                            "query", Map.of("type", "string", "minLength", 1, "maxLength", 200,
                                    "description", "The question or keywords, in the customer's words."),
                            "limit", Map.of("type", "integer", "minimum", 1, "maximum", 20,
                                    "description", "How many articles at most (default 5).")),
                            List.of("query")),
                    "direct:api.kb.search",
                    (arguments, caller) -> {
                        RouteRequest request = header("q", text(arguments, "query"));
                        request.headers().put("limit", text(arguments, "limit"));
                        return request;
                    },
                    Hints.READ),
            new ChatTool("get_product", "Product",
                    "Look up a product of the catalog by its SKU: name, price and whether it is available.",
                    object(Map.of("sku", string("The product's SKU, e.g. \"IPOD2008GREEN\".",
                            "^[A-Za-z0-9._-]{1,64}$")), List.of("sku")),
                    "direct:api.products.get",
                    (arguments, caller) -> header("sku", text(arguments, "sku")),
                    Hints.READ),
            new ChatTool("create_ticket", "Open a helpdesk ticket",
                    "Hand the conversation over to the support team: opens a helpdesk ticket with the transcript."
                            + " One ticket per conversation: calling it again for the same conversationId answers"
                            + " the existing ticket (deduplicated: true) and opens no second one, so it is safe to"
                            + " repeat. The priority is inferred from the transcript when left out.",
                    object(Map.of(
                            "conversationId", describedAs(CONVERSATION_ID,
                                    "The id of this chat conversation: it is the ticket's idempotency key."),
                            "subject", Map.of("type", "string", "minLength", 1, "maxLength", 200,
                                    "description", "A one-line summary of the customer's problem."),
                            "transcript", Map.of("type", "array", "minItems", 1, "maxItems", 500,
                                    "description", "The conversation so far, oldest first.",
                                    "items", object(Map.of(
                                            "role", Map.of("type", "string", "enum", ROLES,
                                                    "description", "Who said it."),
                                            "text", Map.of("type", "string", "minLength", 1, "maxLength", 10_000,
                                                    "description", "What was said."),
                                            "at", TIMESTAMP), List.of("role", "text", "at"))),
                            "priority", Map.of("type", "string", "enum", List.of("low", "normal", "high", "urgent"),
                                    "description", "Leave it out to let the transcript decide.")),
                            List.of("conversationId", "subject", "transcript")),
                    "direct:api.tickets.create",
                    (arguments, caller) -> new RouteRequest(Map.of(),
                            pick(arguments, "conversationId", "subject", "transcript", "priority")),
                    new Hints(false, false, true)),
            new ChatTool("log_conversation_event", "Log a conversation event",
                    "Record what happens in this conversation: a message (who said what), or that it was escalated"
                            + " or resolved. Stored encrypted, and noted on the customer's CRM record when the"
                            + " customer consented to that. Give each event its own eventId and reuse it when"
                            + " retrying: an event with an eventId already logged is stored once.",
                    object(Map.of(
                            "conversationId", CONVERSATION_ID,
                            "eventId", string("Your id for this event, unique within the conversation (e.g. the"
                                    + " message's id): its idempotency key.", "^[A-Za-z0-9_.:-]{1,128}$"),
                            "type", Map.of("type", "string", "enum", List.of("message", "escalated", "resolved"),
                                    "description", "message, escalated or resolved."),
                            "role", Map.of("type", "string", "enum", ROLES,
                                    "description", "Who said it, for a message."),
                            "text", Map.of("type", "string", "minLength", 1, "maxLength", 10_000,
                                    "description", "What was said, for a message."),
                            "at", TIMESTAMP),
                            List.of("conversationId", "eventId", "type", "at")),
                    "direct:api.conversations.events.post",
                    (arguments, caller) -> new RouteRequest(
                            header("conversationId", text(arguments, "conversationId")).headers(),
                            pick(arguments, "eventId", "type", "role", "text", "at")),
                    new Hints(false, false, true)));

    public List<ChatTool> all() {
        return tools;
    }

    public Optional<ChatTool> named(String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }

    private static Map<String, Object> string(String description, String pattern) {
        return Map.of("type", "string", "pattern", pattern, "description", description);
    }

    private static Map<String, Object> describedAs(Map<String, Object> schema, String description) {
        Map<String, Object> described = new LinkedHashMap<>(schema);
        described.put("description", description);
        return described;
    }

    /** A request of one header (more may be put in); a null value is a parameter left out. */
    private static RouteRequest header(String name, String value) {
        Map<String, String> headers = new HashMap<>();
        headers.put(name, value);
        return new RouteRequest(headers, null);
    }

    /** A string argument as the route reads it; a missing one stays missing, for the route to name. */
    private static String text(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        return value == null ? null : value.toString();
    }

    private static String customerId(Map<String, Object> arguments, Caller caller) {
        String given = text(arguments, "customerId");
        return given == null || given.isBlank() ? caller.subject() : given;
    }

    /** A line of an address: text of at most 200 characters. */
    private static Map<String, Object> line(String description) {
        return Map.of("type", "string", "minLength", 1, "maxLength", 200, "description", description);
    }

    private static Map<String, Object> pick(Map<String, Object> arguments, String... names) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String name : names) {
            if (arguments.containsKey(name)) {
                body.put(name, arguments.get(name));
            }
        }
        return body;
    }
}
