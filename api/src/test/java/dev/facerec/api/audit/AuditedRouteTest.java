package dev.facerec.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditedRouteTest {
    private static final String ID = "0b6f8f2e-3c6d-4f57-9a77-1f0e2d3c4b5a";
    private static final String FACE = "5f1c7a9e-8b2d-4e3f-a1b0-c9d8e7f6a5b4";

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "POST, /api/v1/galleries, gallery.create",
        "GET, /api/v1/galleries, gallery.list",
        "GET, /api/v1/galleries/{id}, gallery.read",
        "DELETE, /api/v1/galleries/{id}, gallery.delete",
        "POST, /api/v1/persons, person.create",
        "PATCH, /api/v1/persons/{id}, person.update",
        "DELETE, /api/v1/persons/{id}, person.delete",
        "POST, /api/v1/persons/{personId}/faces, face.enroll",
        "GET, /api/v1/persons/{personId}/faces, face.list",
        "DELETE, /api/v1/persons/{personId}/faces/{faceId}, face.delete",
        "GET, /api/v1/persons/{personId}/faces/{faceId}/image, face.image.read",
        "POST, /api/v1/persons/{personId}/verify, person.verify",
        "POST, /api/v1/identify, identify",
        "POST, /api/v1/faces/detect, face.detect",
        "POST, /api/v1/api-keys, api-key.create",
        "DELETE, /api/v1/api-keys/{id}, api-key.revoke",
        "PATCH, /api/v1/users/{id}, user.change",
        "POST, /api/v1/auth/register, user.create",
        "POST, /api/v1/auth/logout, auth.logout",
        "GET, /api/v1/auth/me, auth.me",
        "GET, /api/v1/audit, audit.read",
        "GET, /api/v1/upload/supported-formats, upload.supported-formats",
    })
    void theActionFollowsFromMethodAndRoute(String method, String pattern, String action) {
        assertThat(AuditedRoute.of(method, pattern, Map.of(), 200, null).action())
                .isEqualTo(action);
    }

    @Test
    void aSignInIsNamedByItsOutcome() {
        assertThat(AuditedRoute.of("POST", "/api/v1/auth/login", Map.of(), 200, null))
                .isEqualTo(new AuditedRoute("auth.login", null, null, null));
        assertThat(AuditedRoute.of("POST", "/api/v1/auth/login", Map.of(), 401, null)
                        .action())
                .isEqualTo("auth.login.failed");
    }

    @Test
    void theTargetIsTheLastObjectTheRouteNames() {
        assertThat(AuditedRoute.of("DELETE", "/api/v1/persons/{id}", Map.of("id", ID), 204, null))
                .isEqualTo(new AuditedRoute("person.delete", "person", ID, null));
        assertThat(AuditedRoute.of(
                        "DELETE",
                        "/api/v1/persons/{personId}/faces/{faceId}",
                        Map.of("personId", ID, "faceId", FACE),
                        204,
                        null))
                .isEqualTo(new AuditedRoute("face.delete", "face", FACE, null));
        assertThat(AuditedRoute.of("GET", "/api/v1/galleries/{id}", Map.of("id", ID), 200, null))
                .as("a gallery route names the gallery too")
                .isEqualTo(new AuditedRoute("gallery.read", "gallery", ID, UUID.fromString(ID)));
        assertThat(AuditedRoute.of("GET", "/api/v1/galleries/{id}", Map.of("id", "../etc"), 400, null))
                .as("a hostile id is kept as the target, and is no gallery")
                .isEqualTo(new AuditedRoute("gallery.read", "gallery", "../etc", null));
    }

    @Test
    void aCreatedObjectIsTheTargetFromTheAnswersLocation() {
        assertThat(AuditedRoute.of("POST", "/api/v1/galleries", Map.of(), 201, "/api/v1/galleries/" + ID))
                .isEqualTo(new AuditedRoute("gallery.create", "gallery", ID, UUID.fromString(ID)));
        assertThat(AuditedRoute.of(
                        "POST",
                        "/api/v1/persons/{personId}/faces",
                        Map.of("personId", ID),
                        201,
                        "/api/v1/persons/" + ID + "/faces/" + FACE))
                .isEqualTo(new AuditedRoute("face.enroll", "face", FACE, null));
        assertThat(AuditedRoute.of("POST", "/api/v1/auth/register", Map.of(), 201, "/api/v1/users/" + ID))
                .isEqualTo(new AuditedRoute("user.create", "user", ID, null));
        assertThat(AuditedRoute.of("POST", "/api/v1/galleries", Map.of(), 400, null))
                .as("nothing created, no target")
                .isEqualTo(new AuditedRoute("gallery.create", null, null, null));
        assertThat(AuditedRoute.of("POST", "/api/v1/persons/{personId}/faces", Map.of("personId", ID), 422, null))
                .as("a refused enrolment targets the person")
                .isEqualTo(new AuditedRoute("face.enroll", "person", ID, null));
    }

    @Test
    void anUnknownRouteIsRecordedAsUnknown() {
        assertThat(AuditedRoute.of("GET", null, Map.of(), 404, null))
                .isEqualTo(new AuditedRoute("unknown", null, null, null));
        assertThat(AuditedRoute.of("GET", "/**", Map.of(), 404, null).action()).isEqualTo("unknown");
    }
}
