package dev.facerec.api.http.error;

import static dev.facerec.api.fake.FakeImages.crashing;
import static dev.facerec.api.fake.FakeImages.failingWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.facerec.api.FaceApiSlice;
import dev.facerec.api.fake.FakeImages;
import dev.facerec.core.FaceErrorCode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

/** Every error answer is an RFC 9457 problem with a stable type, a code and the request id. */
@FaceApiSlice
class ErrorResponseTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @CsvSource({
        "INVALID_REQUEST, 400",
        "IMAGE_UNREADABLE, 422",
        "IMAGE_UNSUPPORTED, 415",
        "IMAGE_TOO_LARGE, 413",
        "NO_FACE, 422",
        "MULTIPLE_FACES, 422",
        "FACE_QUALITY, 422",
        "NOT_FOUND, 404",
        "CONFLICT, 409",
        "UNAVAILABLE, 503"
    })
    void everyCoreErrorHasItsStatusCodeAndDetails(FaceErrorCode code, int status) throws Exception {
        detect(failingWith(code))
                .andExpect(status().is(status))
                .andExpect(problem(code.name(), "/api/v1/faces/detect"))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").value("Fake decoder refuses with " + code + "."))
                .andExpect(jsonPath("$.details.limit").value(42));
    }

    @Test
    void unknownPathIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/v1/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(problem("NOT_FOUND", "/api/v1/nothing-here"))
                .andExpect(jsonPath("$.detail", containsString("/api/v1/nothing-here")));
    }

    @Test
    void wrongMethodIsAMethodNotAllowedProblemNamingTheAllowedOne() throws Exception {
        mvc.perform(get("/api/v1/faces/detect"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "POST"))
                .andExpect(problem("METHOD_NOT_ALLOWED", "/api/v1/faces/detect"))
                .andExpect(jsonPath("$.detail", containsString("POST")));
    }

    @Test
    void uploadOverTheLimitIsRefusedFromItsContentLength() throws Exception {
        byte[] body = new byte[(int) FaceApiSlice.MAX_REQUEST_BYTES + 1];
        mvc.perform(post("/api/v1/faces/detect")
                        .contentType("multipart/form-data; boundary=x")
                        .content(body))
                .andExpect(status().isContentTooLarge())
                .andExpect(header().string("Connection", "close"))
                .andExpect(problem("UPLOAD_TOO_LARGE", "/api/v1/faces/detect"))
                .andExpect(jsonPath("$.details.maxImageBytes").value(4096))
                .andExpect(jsonPath("$.details.maxRequestBytes").value(FaceApiSlice.MAX_REQUEST_BYTES));
    }

    @Test
    void uploadAtTheLimitPassesTheFilter() throws Exception {
        mvc.perform(post("/api/v1/faces/detect")
                        .contentType("multipart/form-data; boundary=x")
                        .content(new byte[(int) FaceApiSlice.MAX_REQUEST_BYTES]))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MISSING_FIELD"));
    }

    @Test
    void unexpectedFailureIsAnInternalProblemThatLeaksNothing() throws Exception {
        String body = detect(crashing())
                .andExpect(status().isInternalServerError())
                .andExpect(problem("INTERNAL", "/api/v1/faces/detect"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).doesNotContain("hunter2", "postgresql", "0.1.0", "Exception", "trace", "dev.facerec", "at ");
        String requestId = JsonPath.read(body, "$.requestId");
        assertThat(body).contains("report request id " + requestId);
    }

    @Test
    void dataThatFailsItsIntegrityCheckIsAnInternalProblemThatNamesNoKey() throws Exception {
        String body = detect(failingWith(FaceErrorCode.DATA_INTEGRITY))
                .andExpect(status().isInternalServerError())
                .andExpect(problem("INTERNAL", "/api/v1/faces/detect"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).doesNotContain("Fake decoder refuses", "DATA_INTEGRITY", "limit");
        assertThat(body).contains("report request id " + JsonPath.read(body, "$.requestId"));
    }

    @Test
    void errorIsAProblemWhateverTheClientAccepts() throws Exception {
        mvc.perform(get("/api/v1/nothing-here").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void requestIdIsGeneratedWhenAbsent() throws Exception {
        detect(FakeImages.portrait("alice"))
                .andExpect(status().isOk())
                .andExpect(header().string(RequestIdFilter.HEADER, matchesPattern(UUID)));
    }

    @Test
    void saneRequestIdIsEchoedInHeaderAndProblem() throws Exception {
        mvc.perform(get("/api/v1/nothing-here").header(RequestIdFilter.HEADER, "client-42_A"))
                .andExpect(header().string(RequestIdFilter.HEADER, "client-42_A"))
                .andExpect(jsonPath("$.requestId").value("client-42_A"));
    }

    @Test
    void insaneRequestIdIsReplaced() throws Exception {
        mvc.perform(get("/health/live").header(RequestIdFilter.HEADER, "x\r\nSet-Cookie: a=b"))
                .andExpect(header().string(RequestIdFilter.HEADER, matchesPattern(UUID)));
        mvc.perform(get("/health/live").header(RequestIdFilter.HEADER, "a".repeat(65)))
                .andExpect(header().string(RequestIdFilter.HEADER, matchesPattern(UUID)));
    }

    @Test
    void containerErrorPageIsAProblemToo() throws Exception {
        mvc.perform(get("/error")
                        .with(ErrorResponseTest::errorDispatch)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 413)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/faces/compare"))
                .andExpect(status().isContentTooLarge())
                .andExpect(problem("UPLOAD_TOO_LARGE", "/api/v1/faces/compare"));
        mvc.perform(get("/error")
                        .with(ErrorResponseTest::errorDispatch)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException(FakeImages.SECRET)))
                .andExpect(status().isInternalServerError())
                .andExpect(problem("INTERNAL", "/error"))
                .andExpect(content().string(not(containsString("hunter2"))));
    }

    /** The container forwarding a failed request to its error page (a direct request for /error is a 404). */
    private static MockHttpServletRequest errorDispatch(MockHttpServletRequest request) {
        request.setDispatcherType(DispatcherType.ERROR);
        return request;
    }

    private ResultActions detect(byte[] image) throws Exception {
        return mvc.perform(multipart("/api/v1/faces/detect").file("image", image));
    }

    /** The members every problem has. */
    static ResultMatcher problem(String code, String instance) {
        String type =
                "https://facerec.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-');
        List<ResultMatcher> matchers = List.of(
                content().contentType(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.type").value(type),
                jsonPath("$.title").isNotEmpty(),
                jsonPath("$.status").isNumber(),
                jsonPath("$.detail").isNotEmpty(),
                jsonPath("$.instance").value(instance),
                jsonPath("$.code").value(code),
                jsonPath("$.requestId").isNotEmpty());
        return result -> {
            for (ResultMatcher matcher : matchers) {
                matcher.match(result);
            }
        };
    }
}
