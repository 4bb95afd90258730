package io.switchboard.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.InternalServerError;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.mcp.ChatTool.RouteRequest;
import io.switchboard.security.Access;
import io.switchboard.security.AuditLog;
import io.switchboard.security.Caller;
import io.switchboard.tracing.RequestIds;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Runs a tool: its chat API route, for the caller the bearer token named, exactly as the REST endpoint would (the
 * route checks the scope, the customer's ownership and {@code acr}, and answers failures as problem+json through
 * the {@code api} route configuration). The answer is the route's JSON; a failure is its problem's code, detail
 * and extensions ({@code source}, {@code field}), with {@code retryAfterSeconds} when the REST answer has a
 * Retry-After. Each call is audited beside the HTTP request that carried it.
 */
@Component
public class ToolCalls {

    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ProducerTemplate routes;
    private final ObjectMapper json;
    private final AuditLog audit;

    public ToolCalls(ProducerTemplate routes, ObjectMapper json, AuditLog audit) {
        this.routes = routes;
        this.json = json;
        this.audit = audit;
    }

    /** What a tool call answered: the route's JSON, or its problem when {@code error}. */
    public record Outcome(boolean error, Map<String, Object> answer) {
    }

    /** Runs the tool and audits the call: which tool, for whom, and its outcome (ok or the error code). */
    public Outcome call(ChatTool tool, Map<String, Object> arguments, Caller caller) {
        Outcome outcome = run(tool, arguments, caller);
        audit.record(caller == null ? "jwt:unknown" : "jwt:" + caller.subject(), "MCP tool " + tool.name(),
                outcome.error() ? String.valueOf(outcome.answer().get("code")) : "ok", null);
        return outcome;
    }

    private Outcome run(ChatTool tool, Map<String, Object> arguments, Caller caller) {
        Map<String, Object> given = arguments == null ? Map.of() : arguments;
        for (String required : tool.required()) {
            if (given.get(required) == null) {   // what the schema requires and the REST API may leave optional
                return problem(new InvalidRequest(required, "required"));
            }
        }
        try {
            RouteRequest request = tool.request().map(given, caller);
            String body = request.body() == null ? null : json.writeValueAsString(request.body());
            Exchange done = routes.send(tool.route(), exchange -> {
                exchange.setProperty(Access.AUTHENTICATED_CALLER, caller);
                request.headers().forEach((name, value) -> {
                    if (value != null) {
                        exchange.getIn().setHeader(name, value);
                    }
                });
                exchange.getIn().setBody(body);
            });
            if (done.getException() != null) {
                throw done.getException();
            }
            return outcome(done);
        } catch (Exception e) {
            log.error("Tool {} failed unexpectedly", tool.name(), e);
            return problem(new InternalServerError(MDC.get(RequestIds.MDC_KEY)));
        }
    }

    private Outcome outcome(Exchange done) throws JsonProcessingException {
        Integer status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, Object> answer = json.readValue(done.getMessage().getBody(String.class), JSON_OBJECT);
        if (status == null || status < 400) {
            return new Outcome(false, answer);
        }
        Map<String, Object> error = new LinkedHashMap<>(answer);
        error.remove("type");
        error.remove("title");
        error.remove("status");
        Object retryAfter = done.getMessage().getHeader("Retry-After");
        if (retryAfter != null) {
            error.put("retryAfterSeconds", Long.valueOf(retryAfter.toString()));
        }
        return new Outcome(true, error);
    }

    private Outcome problem(ApiException failure) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", failure.code().code());
        error.put("detail", failure.detail());
        error.putAll(failure.extensions());
        return new Outcome(true, error);
    }
}
