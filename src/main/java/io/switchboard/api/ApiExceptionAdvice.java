package io.switchboard.api;

import io.switchboard.errors.ApiException;
import io.switchboard.errors.Problems;
import io.switchboard.tracing.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

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

    private ResponseEntity<byte[]> respond(ApiException error, HttpServletRequest request) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(error.code().status())
                .contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE));
        if (error.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        return response.body(problems.body(error, (String) request.getAttribute(RequestIds.ATTRIBUTE)));
    }
}
