package dev.facerec.api.rest.openapi;

import static dev.facerec.api.http.error.ProblemCode.BODY_TOO_LARGE;
import static dev.facerec.api.http.error.ProblemCode.CONFLICT;
import static dev.facerec.api.http.error.ProblemCode.FACE_QUALITY;
import static dev.facerec.api.http.error.ProblemCode.FORBIDDEN;
import static dev.facerec.api.http.error.ProblemCode.IDEMPOTENCY_IN_PROGRESS;
import static dev.facerec.api.http.error.ProblemCode.IDEMPOTENCY_KEY_REUSED;
import static dev.facerec.api.http.error.ProblemCode.IMAGE_TOO_LARGE;
import static dev.facerec.api.http.error.ProblemCode.IMAGE_UNREADABLE;
import static dev.facerec.api.http.error.ProblemCode.IMAGE_UNSUPPORTED;
import static dev.facerec.api.http.error.ProblemCode.INTERNAL;
import static dev.facerec.api.http.error.ProblemCode.INVALID_REQUEST;
import static dev.facerec.api.http.error.ProblemCode.MISSING_FIELD;
import static dev.facerec.api.http.error.ProblemCode.MULTIPLE_FACES;
import static dev.facerec.api.http.error.ProblemCode.NOT_FOUND;
import static dev.facerec.api.http.error.ProblemCode.NO_FACE;
import static dev.facerec.api.http.error.ProblemCode.RATE_LIMITED;
import static dev.facerec.api.http.error.ProblemCode.REQUEST_TIMEOUT;
import static dev.facerec.api.http.error.ProblemCode.UNAUTHENTICATED;
import static dev.facerec.api.http.error.ProblemCode.UNAVAILABLE;
import static dev.facerec.api.http.error.ProblemCode.UNSUPPORTED_MEDIA_TYPE;
import static dev.facerec.api.http.error.ProblemCode.UPLOAD_TOO_LARGE;

import dev.facerec.api.http.error.ProblemCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What springdoc cannot read from a controller: the problem responses each operation can answer (from the security
 * filters, the upload and body limits, the rate limit, the load limits, the idempotency filter and the use cases),
 * the tag of each operation, and that an image part is required (the controllers take it as optional only to answer
 * its absence with {@code MISSING_FIELD} themselves). The operations open to anyone and the {@code Idempotency-Key}
 * header come from the handlers' own declarations ({@link DeclaredPolicies}). The rules follow {@code RateLimitFilter}
 * and the use cases' documented errors; {@code ApiDocsIT} checks the document against the application's mappings.
 */
final class ProblemResponses implements OpenApiCustomizer {
    /** Exempt from the rate limit (RateLimitFilter). */
    static final Set<String> PROBES =
            Set.of("GET /health", "GET /health/live", "GET /health/ready", "GET /api/v1/health");

    /** Answered 404 when an external issuer manages accounts (AuthController). */
    private static final Set<String> BUILT_IN_ISSUER_ONLY = Set.of(
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/refresh",
            "POST /api/v1/auth/logout",
            "POST /api/v1/auth/register",
            "POST /api/v1/auth/password");

    /** A gallery named in the body or the query that does not exist. */
    private static final Set<String> GALLERY_REFERENCE = Set.of(
            "POST /api/v1/persons", "GET /api/v1/persons", "POST /api/v1/identify", "POST /api/v1/jobs/enrollments");

    /**
     * 409 CONFLICT besides the idempotency filter's: concurrent account changes, a taken user name, no face yet, a job
     * from an S3 prefix without S3 storage.
     */
    private static final Set<String> CONFLICTS = Set.of(
            "POST /api/v1/auth/register",
            "POST /api/v1/auth/password",
            "PATCH /api/v1/users/{id}",
            "POST /api/v1/persons/{personId}/verify",
            "POST /api/v1/jobs/enrollments");

    /** Forms whose file part is one of two ways to send the input: a job's archive, or its S3 prefix instead. */
    private static final Set<String> OPTIONAL_FILE_PARTS = Set.of("POST /api/v1/jobs/enrollments");

    /** 422 for the photo, by operation: every image upload can be unreadable; these also need a usable face. */
    private static final Map<String, List<ProblemCode>> FACE_REFUSALS = Map.of(
            "POST /api/v1/faces/compare", List.of(IMAGE_UNREADABLE, NO_FACE),
            "POST /api/v1/persons/{personId}/verify", List.of(IMAGE_UNREADABLE, NO_FACE, FACE_QUALITY),
            "POST /api/v1/persons/{personId}/faces", List.of(IMAGE_UNREADABLE, NO_FACE, MULTIPLE_FACES, FACE_QUALITY));

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String MULTIPART = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE;
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    /** Health views that answer 503 with their own body, not a problem, while something is down. */
    private static final Set<String> HEALTH_VIEWS = Set.of(
            "GET /health", "GET /health/ready", "GET /health/live", "GET /api/v1/health", "GET /health/detailed");

    /**
     * The success status of the operations that answer with a ResponseEntity other than 200, which springdoc cannot see
     * (ApiDocsIT compares some with the real answers).
     */
    static final Map<String, String> SUCCESS = Map.ofEntries(
            Map.entry("POST /api/v1/galleries", "201"),
            Map.entry("POST /api/v1/persons", "201"),
            Map.entry("POST /api/v1/persons/{personId}/faces", "201"),
            Map.entry("POST /api/v1/api-keys", "201"),
            Map.entry("POST /api/v1/auth/register", "201"),
            Map.entry("POST /api/v1/admin/encryption/rotation", "202"),
            Map.entry("POST /api/v1/jobs/enrollments", "202"),
            Map.entry("POST /api/v1/admin/model-migrations", "202"),
            Map.entry("POST /api/v1/admin/model-migrations/pass", "202"),
            Map.entry("POST /api/v1/auth/logout", "204"),
            Map.entry("POST /api/v1/auth/password", "204"),
            Map.entry("DELETE /api/v1/api-keys/{id}", "204"),
            Map.entry("POST /api/v1/webhooks", "201"),
            Map.entry("POST /api/v1/webhooks/{id}/test", "202"),
            Map.entry("DELETE /api/v1/webhooks/{id}", "204"));

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(ApiDocsConfiguration.PROBLEM, Schemas.problem());
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> customise(method.name() + " " + path, path, operation)));
    }

    private static void customise(String key, String path, Operation operation) {
        operation.setTags(List.of(ApiDocsConfiguration.Area.of(path).tag()));
        formWithFilesIsMultipart(operation);
        String success = SUCCESS.get(key);
        if (success != null) {
            ApiResponse ok = operation.getResponses().remove("200");
            operation
                    .getResponses()
                    .addApiResponse(
                            success,
                            switch (success) {
                                case "201" -> ok.description("Created; Location names the new resource");
                                case "202" -> ok.description("Accepted; started in the background");
                                default -> new ApiResponse().description("Done; no body");
                            });
        }
        if (HEALTH_VIEWS.contains(key)) {
            var ok = operation.getResponses().get("200");
            operation
                    .getResponses()
                    .addApiResponse(
                            "503",
                            new ApiResponse()
                                    .description("Down or not ready, with the reason")
                                    .content(ok.getContent()));
        }
        boolean multipart = hasBody(operation, MULTIPART);
        if (multipart && !OPTIONAL_FILE_PARTS.contains(key)) {
            requireFileParts(operation);
        }
        for (var response : responses(key, path, operation, multipart).entrySet()) {
            add(operation, response.getKey(), response.getValue());
        }
    }

    private static Map<String, List<String>> responses(
            String key, String path, Operation operation, boolean multipart) {
        boolean json = hasBody(operation, JSON);
        boolean parameters =
                operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean probe = PROBES.contains(key);
        boolean idempotent = DeclaredPolicies.isIdempotent(operation);
        var codes = new TreeMap<String, List<String>>();
        if (json || multipart) {
            put(codes, INVALID_REQUEST, MISSING_FIELD);
        } else if (parameters) {
            put(codes, INVALID_REQUEST);
        }
        if (!DeclaredPolicies.isPublic(operation)) {
            put(codes, UNAUTHENTICATED, FORBIDDEN);
        } else if (!probe) {
            // Wrong credentials or a refresh token that no longer counts.
            put(codes, UNAUTHENTICATED);
        }
        if (path.contains("{") || BUILT_IN_ISSUER_ONLY.contains(key) || GALLERY_REFERENCE.contains(key)) {
            put(codes, NOT_FOUND);
        }
        if (CONFLICTS.contains(key)) {
            put(codes, CONFLICT);
        }
        if (idempotent) {
            put(codes, IDEMPOTENCY_IN_PROGRESS);
        }
        if (multipart) {
            put(codes, UPLOAD_TOO_LARGE, IMAGE_TOO_LARGE, IMAGE_UNSUPPORTED, UNSUPPORTED_MEDIA_TYPE);
            put(
                    codes,
                    FACE_REFUSALS.getOrDefault(key, List.of(IMAGE_UNREADABLE)).toArray(ProblemCode[]::new));
        } else if (json) {
            put(codes, BODY_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE);
        }
        if (idempotent) {
            put(codes, IDEMPOTENCY_KEY_REUSED);
        }
        if (!probe) {
            put(codes, RATE_LIMITED, UNAVAILABLE, REQUEST_TIMEOUT);
        }
        put(codes, INTERNAL);
        return codes;
    }

    private static void put(Map<String, List<String>> codes, ProblemCode... problems) {
        for (ProblemCode problem : problems) {
            List<String> names =
                    codes.computeIfAbsent(String.valueOf(problem.status().value()), status -> new ArrayList<>());
            if (!names.contains(problem.name())) {
                names.add(problem.name());
            }
        }
    }

    /** A problem response listing its codes, unless the operation already documents that status itself. */
    private static void add(Operation operation, String status, List<String> codes) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            responses = new ApiResponses();
            operation.setResponses(responses);
        }
        if (responses.containsKey(status)) {
            return;
        }
        var response = new ApiResponse()
                .description("Problem: " + String.join(", ", codes))
                .content(new Content()
                        .addMediaType(PROBLEM_JSON, new MediaType().schema(Schemas.ref(ApiDocsConfiguration.PROBLEM))));
        if (status.equals("429") || status.equals("503")) {
            response.addHeaderObject(
                    "Retry-After",
                    new Header().description("Seconds to wait before retrying").schema(Schemas.integer()));
        }
        responses.addApiResponse(status, response);
    }

    private static boolean hasBody(Operation operation, String mediaType) {
        return operation.getRequestBody() != null
                && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey(mediaType);
    }

    /**
     * A form with files is multipart/form-data. The controllers leave {@code consumes} open so that a request that is
     * not multipart still reaches them and is answered with the missing field's name, so springdoc cannot tell.
     */
    private static void formWithFilesIsMultipart(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        Content content = operation.getRequestBody().getContent();
        MediaType json = content.get(JSON);
        Schema<?> form = json == null ? null : json.getSchema();
        if (form != null
                && form.getProperties() != null
                && form.getProperties().values().stream().anyMatch(Schemas::isBinary)) {
            content.remove(JSON);
            content.addMediaType(MULTIPART, json);
        }
    }

    /** The image parts are required by the service though optional to Spring (see FaceController). */
    private static void requireFileParts(Operation operation) {
        operation.getRequestBody().setRequired(true);
        Schema<?> form = operation.getRequestBody().getContent().get(MULTIPART).getSchema();
        if (form == null || form.getProperties() == null) {
            return;
        }
        List<String> files = form.getProperties().entrySet().stream()
                .filter(property -> Schemas.isBinary(property.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        List<String> required = Stream.concat(
                        form.getRequired() == null ? Stream.empty() : form.getRequired().stream(), files.stream())
                .distinct()
                .toList();
        form.setRequired(required);
    }
}
