package io.switchboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.switchboard.errors.InvalidRequest;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * What a Spring MVC controller (admin, privacy) could not read, in the contract's words: the member or parameter
 * and the JSON type it must have, as the Camel routes name them ({@code eventTypes[0]: a string}), never the Java
 * type or the parser's message.
 */
public final class UnreadableInput {

    private UnreadableInput() {
    }

    static InvalidRequest body(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return new InvalidRequest(field(mismatch), expected(mismatch.getTargetType()));
        }
        if (cause instanceof MismatchedInputException) {
            return new InvalidRequest("The body must be a JSON object");
        }
        if (cause instanceof JsonProcessingException) {
            return new InvalidRequest("The body is not JSON");
        }
        return new InvalidRequest("A JSON body is required");
    }

    static InvalidRequest parameter(String name, Class<?> type) {
        return new InvalidRequest(name, expected(type));
    }

    /** The member's path as the routes write it: {@code transcript[0].at}; {@code body} for the whole. */
    public static String field(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : error.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 time in UTC, such as 2026-11-24T06:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a value of another type";
    }
}
