package dev.facerec.api.http.error;

import jakarta.servlet.http.HttpServletRequest;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The 400 for a request body that is not the JSON its endpoint reads ({@code StrictJsonConfiguration}): which field
 * ({@code details.field}, a path such as {@code metadata.note} or {@code principals[2]}) and what it must be, in words
 * of the API rather than of Java. The client's value is not repeated back.
 */
final class UnreadableBody {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.{1,200})\"");

    private UnreadableBody() {}

    static ProblemDetail problem(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (!(e.getCause() instanceof JacksonException json)) {
            return Problems.of(
                    ProblemCode.INVALID_REQUEST,
                    "The request body is missing or unreadable: send a JSON object.",
                    Map.of(),
                    request);
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(json.getOriginalMessage()));
        String field = duplicate.matches() ? join(path(json), duplicate.group(1)) : path(json);
        String detail = duplicate.matches()
                ? "The field '" + field + "' appears more than once in one object: send it once."
                : detail(json, field);
        return Problems.of(
                ProblemCode.INVALID_REQUEST, detail, field == null ? Map.of() : Map.of("field", field), request);
    }

    private static String detail(JacksonException json, @Nullable String field) {
        if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return field == null
                    ? "The request body must be " + expected(mismatch.getTargetType()) + "."
                    : "The field '" + field + "' must be " + expected(mismatch.getTargetType()) + ".";
        }
        if (json instanceof StreamReadException && field == null) {
            TokenStreamLocation at = json.getLocation();
            return at == null || at.getLineNr() < 1
                    ? "The request body is not valid JSON."
                    : "The request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr()
                            + ").";
        }
        return field == null
                ? "The request body could not be read as the JSON this endpoint expects."
                : "The field '" + field + "' could not be read: check its type against the API documentation.";
    }

    /** What a value of {@code type} looks like in JSON. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(", "))
                    + ", written exactly so (capitals, no spaces), in a string";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number (not in a string)";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number (not in a string)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false (not in a string)";
        }
        if (type == UUID.class) {
            return "a UUID in a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date and time in a string, such as 2026-01-31T12:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return "JSON of the documented shape";
        }
        return "a JSON object";
    }

    /** The JSON path of the value that failed, such as {@code metadata.note} or {@code principals[2]}; or null. */
    private static @Nullable String path(JacksonException json) {
        String path = null;
        for (JacksonException.Reference reference : json.getPath()) {
            path = reference.getPropertyName() != null
                    ? join(path, reference.getPropertyName())
                    : (path == null ? "" : path) + "[" + reference.getIndex() + "]";
        }
        return path;
    }

    private static String join(@Nullable String path, String name) {
        return path == null || path.isEmpty() ? name : path + "." + name;
    }
}
