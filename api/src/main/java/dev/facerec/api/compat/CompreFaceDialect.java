package dev.facerec.api.compat;

import dev.facerec.api.http.error.ErrorDialects;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * CompreFace's words for the service's problems on its paths: its error body {@code {"message", "code"}} and its
 * statuses. Clients of CompreFace read {@code code} (Double Take treats 28 as "no face") and would choke on a problem
 * body. Answers for errors the front door words itself are {@link CompreFaceException}s; this covers the rest,
 * whoever made the problem: the security chain, a size or deadline filter, the exception handler, Tomcat's error page.
 */
final class CompreFaceDialect implements ErrorDialects.Dialect {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SOMETHING_WENT_WRONG = "Something went wrong, please try again";

    @Override
    public boolean covers(String path) {
        return CompreFacePaths.matches(path);
    }

    @Override
    public ErrorDialects.Answer answer(
            String method, String path, String problemCode, String detail, int status, UnaryOperator<String> headers) {
        String said = detail == null || detail.isBlank() ? SOMETHING_WENT_WRONG : detail;
        HttpStatus answered;
        CompreFaceErrorBody body;
        switch (problemCode == null ? "" : problemCode) {
            case "NO_FACE" -> {
                answered = HttpStatus.BAD_REQUEST;
                body = new CompreFaceErrorBody("No face is found in the given image", 28);
            }
            // CompreFace answers every refusal of its detector with code 28: broken or unreadable images included.
            case "IMAGE_UNREADABLE", "IMAGE_UNSUPPORTED", "FACE_QUALITY" -> {
                answered = HttpStatus.BAD_REQUEST;
                body = new CompreFaceErrorBody(said, 28);
            }
            case "MULTIPLE_FACES" -> {
                answered = HttpStatus.BAD_REQUEST;
                body = new CompreFaceErrorBody("More than one face in the source image", 31);
            }
            case "INVALID_REQUEST", "MISSING_FIELD" -> {
                answered = HttpStatus.BAD_REQUEST;
                body = new CompreFaceErrorBody(said, 26);
            }
            case "UNAUTHENTICATED" -> {
                answered = HttpStatus.NOT_FOUND;
                body = new CompreFaceErrorBody(
                        CompreFacePaths.service(path) + " service with API Key "
                                + keyPrefix(headers.apply(CompreFaceKeyRequired.HEADER))
                                + " not found: the key is malformed, unknown, revoked or expired, or its owner's"
                                + " account is disabled or gone",
                        10);
            }
            // CompreFace answers a wrong method with 404 and code 0.
            case "METHOD_NOT_ALLOWED" -> {
                answered = HttpStatus.NOT_FOUND;
                body = new CompreFaceErrorBody("Request method '" + method + "' not supported", 0);
            }
            case "INTERNAL" -> {
                answered = HttpStatus.INTERNAL_SERVER_ERROR;
                body = new CompreFaceErrorBody(SOMETHING_WENT_WRONG, 0);
            }
            // The rest keep their status (a size limit stays 413, a busy service 503, a throttle 429 with its
            // Retry-After): CompreFace has no code for them, and clients treat every non-2xx as a failure.
            default -> {
                HttpStatus resolved = HttpStatus.resolve(status);
                answered = resolved == null || !resolved.isError() ? HttpStatus.BAD_REQUEST : resolved;
                body = new CompreFaceErrorBody(said, 0);
            }
        }
        return new ErrorDialects.Answer(
                answered.value(), MediaType.APPLICATION_JSON_VALUE, JSON.writeValueAsBytes(body));
    }

    /** Only the key's public prefix is echoed: the secret part never goes back out. */
    private static String keyPrefix(String key) {
        if (key == null) {
            return "";
        }
        String prefix = key.strip().split("\\.", 2)[0];
        return prefix.length() > 16 ? prefix.substring(0, 16) + "..." : prefix;
    }
}
