package io.switchboard.api;

import io.switchboard.errors.ApiException;
import io.switchboard.errors.Forbidden;
import io.switchboard.errors.InternalServerError;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.NotFound;
import io.switchboard.errors.PayloadTooLarge;
import io.switchboard.errors.Problems;
import io.switchboard.errors.Unauthenticated;
import io.switchboard.tracing.RequestIds;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen outside any route (no such path, method not allowed, a failure in a filter) get the same
 * problem+json as everything else instead of Spring Boot's default error body.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);
    private final Problems problems;

    public ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // asked for by a client rather than forwarded to on an error: a path like any other that serves nothing
        int status = request.getDispatcherType() != DispatcherType.ERROR ? 404
                : statusAttribute instanceof Integer code ? code : 500;
        String requestId = (String) request.getAttribute(RequestIds.ATTRIBUTE);
        if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            // the answer says nothing of it: the log is where the request id leads
            log.error("{} {} failed (request id {})", request.getMethod(),
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), requestId, failure);
        }
        ApiException error = switch (status) {
            case 401 -> new Unauthenticated("Authentication is required");
            case 403 -> new Forbidden("Not allowed");
            case 404 -> new NotFound();
            case 413 -> new PayloadTooLarge("The request body is too large");
            default -> status >= 500
                    ? new InternalServerError(requestId)
                    : new InvalidRequest(HttpStatus.valueOf(status).getReasonPhrase());
        };
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE))
                .body(problems.body(error, requestId, status));
    }
}
