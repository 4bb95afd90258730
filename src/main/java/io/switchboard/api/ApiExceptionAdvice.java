package io.switchboard.api;

import io.switchboard.errors.ApiException;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.Problems;
import io.switchboard.tracing.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The same problem+json for Spring MVC controllers (admin, privacy) as for the Camel routes. Anything else they
 * throw reaches {@link ProblemErrorController}.
 */
@RestControllerAdvice
public class ApiExceptionAdvice {

    private final Problems problems;

    public ApiExceptionAdvice(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<byte[]> apiException(ApiException error, HttpServletRequest request) {
        return respond(error, request);
    }

    /** A body that is not JSON, or a member of the wrong type: 400 naming it, rather than "Bad Request". */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<byte[]> unreadableBody(HttpMessageNotReadableException error, HttpServletRequest request) {
        return respond(UnreadableInput.body(error), request);
    }

    /** A query or path parameter of the wrong type ({@code limit=abc}): 400 naming it. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<byte[]> mistypedParameter(MethodArgumentTypeMismatchException error,
                                                    HttpServletRequest request) {
        return respond(UnreadableInput.parameter(error.getName(), error.getRequiredType()), request);
    }

    /** A required query parameter left out: 400 naming it. */
    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<byte[]> missingParameter(MissingServletRequestParameterException error,
                                                   HttpServletRequest request) {
        return respond(new InvalidRequest(error.getParameterName(), "required"), request);
    }

    private ResponseEntity<byte[]> respond(ApiException error, HttpServletRequest request) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(error.code().status())
                .contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE));
        if (error.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        return response.body(problems.body(error, (String) request.getAttribute(RequestIds.ATTRIBUTE)));
    }
}
