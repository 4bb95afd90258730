package io.switchboard.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.tracing.RequestIds;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The error types map one-to-one to the contract's codes, and each answers with its code's status and problem+json
 * body. Every public constructor of every permitted type is built, so a new constructor cannot slip past either.
 */
class ErrorTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_AFTER = Duration.ofSeconds(7);

    /** The contract's table, written out: the type a client's code comes from, and the HTTP status it answers. */
    private static final Map<Class<? extends ApiException>, String> CONTRACT = Map.ofEntries(
            Map.entry(InvalidRequest.class, "invalid_request 400"),
            Map.entry(Unauthenticated.class, "unauthenticated 401"),
            Map.entry(Forbidden.class, "forbidden 403"),
            Map.entry(StepUpRequired.class, "step_up_required 403"),
            Map.entry(NotFound.class, "not_found 404"),
            Map.entry(Conflict.class, "conflict 409"),
            Map.entry(PayloadTooLarge.class, "payload_too_large 413"),
            Map.entry(RateLimited.class, "rate_limited 429"),
            Map.entry(InvalidWebhookSignature.class, "invalid_signature 401"),
            Map.entry(UnknownWebhookSource.class, "unknown_source 404"),
            Map.entry(UpstreamUnavailable.class, "upstream_unavailable 503"),
            Map.entry(UpstreamTimeout.class, "upstream_timeout 504"),
            Map.entry(UpstreamRateLimited.class, "upstream_rate_limited 503"),
            Map.entry(InternalServerError.class, "internal_error 500"));

    @Test
    void everyCodeHasExactlyOneTypeAndEveryTypeOneCode() {
        Map<ErrorCode, Class<?>> typeOfCode = new EnumMap<>(ErrorCode.class);
        for (Class<?> type : ApiException.class.getPermittedSubclasses()) {
            assertThat(Modifier.isFinal(type.getModifiers())).as(type.getSimpleName() + " is final").isTrue();
            List<ErrorCode> codes = everyBuild(type).map(ApiException::code).distinct().toList();
            assertThat(codes).as("the codes every constructor of " + type.getSimpleName() + " gives").hasSize(1);
            Class<?> other = typeOfCode.put(codes.get(0), type);
            assertThat(other).as(codes.get(0) + " has one type only").isNull();
        }
        assertThat(typeOfCode.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        assertThat(ApiException.class.getPermittedSubclasses()).hasSize(ErrorCode.values().length);
    }

    @Test
    void theTypesAreTheContractsCodes() {
        assertThat(Arrays.asList(ApiException.class.getPermittedSubclasses()))
                .containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
        CONTRACT.forEach((type, expected) -> everyBuild(type).forEach(error ->
                assertThat(error.code().code() + " " + error.code().status()).as(type.getSimpleName())
                        .isEqualTo(expected)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyBuild")
    void rendersAsProblemJsonWithItsStatusAndCode(ApiException error) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/anything");
        request.setAttribute(RequestIds.ATTRIBUTE, "req-1");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new Problems(JSON).write(request, response, error);

        ErrorCode code = error.code();
        assertThat(response.getStatus()).isEqualTo(code.status());
        assertThat(response.getContentType()).isEqualTo(Problems.MEDIA_TYPE);
        JsonNode body = JSON.readTree(response.getContentAsByteArray());
        assertThat(body.path("type").asText()).isEqualTo("urn:switchboard:problem:" + code.code());
        assertThat(body.path("title").asText()).isEqualTo(code.title());
        assertThat(body.path("status").asInt()).isEqualTo(code.status());
        assertThat(body.path("code").asText()).isEqualTo(code.code());
        assertThat(body.path("detail").asText()).isNotBlank().isEqualTo(error.detail());
        assertThat(body.path("requestId").asText()).isEqualTo("req-1");
        error.extensions().forEach((name, value) -> assertThat(body.path(name).asText()).isEqualTo(value));
        assertThat(response.getHeader("Retry-After"))
                .isEqualTo(error.retryAfter() == null ? null : Long.toString(RETRY_AFTER.toSeconds()));
    }

    @Test
    void whatEachCodePromisesBeyondStatus() {
        assertThat(new RateLimited(RETRY_AFTER).retryAfter()).isEqualTo(RETRY_AFTER);
        assertThat(new UpstreamUnavailable("crm", RETRY_AFTER).extensions()).containsEntry("source", "crm");
        assertThat(new UpstreamTimeout("crm").extensions()).containsEntry("source", "crm");
        assertThat(new UpstreamRateLimited("crm", RETRY_AFTER).extensions()).containsEntry("source", "crm");
        assertThat(new InvalidRequest("email", "must be an address").extensions()).containsEntry("field", "email");
        assertThat(new InvalidRequest("email", "must be an address").detail()).isEqualTo("email: must be an address");
        assertThat(new NotFound("Order 1001").detail()).isEqualTo("Order 1001 not found");
        assertThat(new InternalServerError("req-9").detail()).contains("req-9");
    }

    @Test
    void expectedOutcomesCarryNoStackTrace() {
        everyBuild().forEach(error -> assertThat(error.getStackTrace()).as(error.toString()).isEmpty());
    }

    /** One instance from every public constructor of every permitted type. */
    static Stream<ApiException> everyBuild() {
        return Arrays.stream(ApiException.class.getPermittedSubclasses()).flatMap(ErrorTypesTest::everyBuild);
    }

    private static Stream<ApiException> everyBuild(Class<?> type) {
        assertThat(type.getConstructors()).as(type.getSimpleName() + " has a public constructor").isNotEmpty();
        return Arrays.stream(type.getConstructors()).map(ErrorTypesTest::build);
    }

    private static ApiException build(Constructor<?> constructor) {
        Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                .map(parameter -> parameter == Duration.class ? RETRY_AFTER : (Object) "x")
                .toArray();
        try {
            return (ApiException) constructor.newInstance(arguments);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot build " + constructor, e);
        }
    }
}
