package dev.facerec.api.rest.openapi;

import dev.facerec.api.http.error.ProblemCode;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Arrays;
import java.util.List;

/**
 * Schemas written by hand, in the form OpenAPI 3.1 serialises: the 3.1 writer reads a schema's {@code types}, not the
 * 3.0 {@code type} that swagger's typed schema classes set, so both are set here.
 */
final class Schemas {
    private Schemas() {}

    static Schema<Object> of(String type) {
        var schema = new JsonSchema();
        schema.type(type);
        schema.typesItem(type);
        return schema;
    }

    static Schema<Object> string() {
        return of("string");
    }

    static Schema<Object> integer() {
        return of("integer");
    }

    static Schema<Object> ref(String name) {
        var schema = new JsonSchema();
        schema.$ref("#/components/schemas/" + name);
        return schema;
    }

    static boolean isBinary(Schema<?> schema) {
        return "binary".equals(schema.getFormat())
                || (schema.getContentMediaType() != null && !"application/json".equals(schema.getContentMediaType()));
    }

    /**
     * The body of every error response (Problems, ProblemWriter): RFC 9457's members, the {@code code} clients branch
     * on, the request id, and the structured details some problems carry.
     */
    static Schema<Object> problem() {
        List<Object> codes = Arrays.stream(ProblemCode.values())
                .map(ProblemCode::name)
                .map(Object.class::cast)
                .toList();
        Schema<Object> code = string().description("What went wrong, stable for clients to branch on");
        code.setEnum(codes);
        Schema<Object> details = of("object")
                .description("Structured context where there is some: the field at fault (field, reason), a limit"
                        + " (maxBytes), retryAfterSeconds, the boxes of the faces found, ...");
        details.setAdditionalProperties(true);
        return of("object")
                .description("An RFC 9457 problem details body (application/problem+json)")
                .addProperty("type", string().format("uri").description("Identifies the kind of problem"))
                .addProperty("title", string().description("A short summary of the kind of problem"))
                .addProperty("status", integer().description("The HTTP status code"))
                .addProperty("detail", string().description("What went wrong here and what the caller can do"))
                .addProperty("instance", string().format("uri-reference").description("The path of the request"))
                .addProperty("code", code)
                .addProperty("requestId", string().description("The request's X-Request-Id, as in the service's logs"))
                .addProperty("details", details)
                .required(List.of("type", "title", "status", "code"));
    }
}
