package io.switchboard.api;

import io.switchboard.errors.ErrorCode;
import io.switchboard.errors.Problems;
import io.switchboard.tracing.RequestIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (a request it refuses before any filter runs: headers too large, a malformed request
 * line) as problem+json instead of an HTML page. Installed on the host by {@link TomcatPaths}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            return;
        }
        String code = status == 413 ? "payload_too_large" : status >= 500 ? "internal_error" : "invalid_request";
        String requestId = request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id
                ? id : UUID.randomUUID().toString();
        String body = "{\"type\":\"urn:switchboard:problem:" + code + "\",\"title\":\"" + title(code)
                + "\",\"status\":" + status + ",\"detail\":\"The request was refused before it could be read\","
                + "\"code\":\"" + code + "\",\"requestId\":\"" + requestId + "\"}";
        try {
            response.setContentType(Problems.MEDIA_TYPE);
            response.setHeader(RequestIds.HEADER, requestId);
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more to say
        }
    }

    private static String title(String code) {
        return ErrorCode.valueOf(code.toUpperCase(Locale.ROOT)).title();
    }
}
