package io.switchboard.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every body sent to the chat and admin APIs (after {@code BodyLimitFilter} bounded its size, and after authentication)
 * is read once here, before any endpoint parses it: it must be UTF-8, the only charset JSON is exchanged in (another
 * declared charset, or UTF-16 bytes, 415; bytes that are not UTF-8, 400), and every JSON member name and string in it
 * {@link Inputs#isText text}, and every string shaped as a date-time a storable one (400 naming the member). A body
 * that is not JSON is left to the endpoint, which refuses it with its own words.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 16)
public class JsonBodyFilter extends OncePerRequestFilter {

    private final Problems problems;
    private final JsonFactory json;

    public JsonBodyFilter(Problems problems, ObjectMapper mapper) {
        this.problems = problems;
        this.json = mapper.getFactory();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(RequestPaths.anyUnder(request, "/api") || RequestPaths.anyUnder(request, "/admin"))
                || request.getContentLengthLong() == 0
                || request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!utf8Declared(request.getContentType())) {
            unsupported(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();   // BodyLimitFilter bounded it
        if (looksLikeUtf16(body)) {
            unsupported(request, response);
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            problems.write(request, response,
                    new InvalidRequest("The body is not valid UTF-8"));
            return;
        }
        ApiException refusal = refusal(text);
        if (refusal != null) {
            problems.write(request, response, refusal);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    /** The refusal of the first member name or string that is not acceptable, or null. */
    ApiException refusal(String body) throws IOException {
        try (JsonParser parser = json.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME && token != JsonToken.VALUE_STRING) {
                    continue;
                }
                String value = parser.getText();
                String field = field(parser);
                if (!Inputs.isText(value)) {
                    return new InvalidRequest(field, "holds a NUL or another control character");
                }
                if (token == JsonToken.VALUE_STRING && Inputs.looksLikeDateTime(value)
                        && Inputs.instant(value).isEmpty()) {
                    return new InvalidRequest(field, "an RFC 3339 time between the years 0001 and 9999");
                }
            }
            return null;
        } catch (IOException notJson) {
            return null;   // not JSON, or deeper than allowed: the endpoint's own parse refuses it
        }
    }

    /** The member's path, {@code transcript.0.text}, or {@code body} for a top-level string. */
    private static String field(JsonParser parser) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "body" : pointer.substring(1).replace('/', '.');
    }

    private static boolean utf8Declared(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {   // InvalidMediaTypeException too
            return false;   // unknown charset names land here too
        }
    }

    /** A byte-order mark of UTF-16/32, or a NUL byte, which UTF-8 JSON never holds raw (it is escaped in strings). */
    private static boolean looksLikeUtf16(byte[] body) {
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return true;
        }
        for (byte b : body) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private void unsupported(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.write(request, response, new InvalidRequest("Request bodies must be JSON in UTF-8"),
                HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
    }
}
