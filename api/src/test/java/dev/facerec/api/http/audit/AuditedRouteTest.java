package dev.facerec.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.http.policy.Audited;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotationUtils;

class AuditedRouteTest {
    private static final String ID = "0b6f8f2e-3c6d-4f57-9a77-1f0e2d3c4b5a";
    private static final String FACE = "5f1c7a9e-8b2d-4e3f-a1b0-c9d8e7f6a5b4";

    private static final Audited PERSON_DELETE = audited("person.delete", "");

    /** The handler's action comes from its annotation; the names themselves are pinned in SecurityEndToEndIT. */
    static Audited audited(String action, String failed) {
        return AnnotationUtils.synthesizeAnnotation(Map.of("value", action, "failed", failed), Audited.class, null);
    }

    @Test
    void aSignInIsNamedByItsOutcome() {
        Audited login = audited("auth.login", "auth.login.failed");
        assertThat(AuditedRoute.of(login, "/api/v1/auth/login", Map.of(), 200, null))
                .isEqualTo(new AuditedRoute("auth.login", null, null, null));
        assertThat(AuditedRoute.of(login, "/api/v1/auth/login", Map.of(), 401, null)
                        .action())
                .isEqualTo("auth.login.failed");
        assertThat(AuditedRoute.of(PERSON_DELETE, "/api/v1/persons/{id}", Map.of(), 404, null)
                        .action())
                .as("without a name of its own for failures, a failure keeps the action")
                .isEqualTo("person.delete");
    }

    @Test
    void theTargetIsTheLastObjectTheRouteNames() {
        assertThat(AuditedRoute.of(PERSON_DELETE, "/api/v1/persons/{id}", Map.of("id", ID), 204, null))
                .isEqualTo(new AuditedRoute("person.delete", "person", ID, null));
        assertThat(AuditedRoute.of(
                        audited("face.delete", ""),
                        "/api/v1/persons/{personId}/faces/{faceId}",
                        Map.of("personId", ID, "faceId", FACE),
                        204,
                        null))
                .isEqualTo(new AuditedRoute("face.delete", "face", FACE, null));
        assertThat(AuditedRoute.of(audited("gallery.read", ""), "/api/v1/galleries/{id}", Map.of("id", ID), 200, null))
                .as("a gallery route names the gallery too")
                .isEqualTo(new AuditedRoute("gallery.read", "gallery", ID, UUID.fromString(ID)));
        assertThat(AuditedRoute.of(
                        audited("gallery.read", ""), "/api/v1/galleries/{id}", Map.of("id", "../etc"), 400, null))
                .as("a hostile id is kept as the target, and is no gallery")
                .isEqualTo(new AuditedRoute("gallery.read", "gallery", "../etc", null));
    }

    @Test
    void aCreatedObjectIsTheTargetFromTheAnswersLocation() {
        assertThat(AuditedRoute.of(
                        audited("gallery.create", ""), "/api/v1/galleries", Map.of(), 201, "/api/v1/galleries/" + ID))
                .isEqualTo(new AuditedRoute("gallery.create", "gallery", ID, UUID.fromString(ID)));
        assertThat(AuditedRoute.of(
                        audited("face.enroll", ""),
                        "/api/v1/persons/{personId}/faces",
                        Map.of("personId", ID),
                        201,
                        "/api/v1/persons/" + ID + "/faces/" + FACE))
                .isEqualTo(new AuditedRoute("face.enroll", "face", FACE, null));
        assertThat(AuditedRoute.of(
                        audited("user.create", ""), "/api/v1/auth/register", Map.of(), 201, "/api/v1/users/" + ID))
                .isEqualTo(new AuditedRoute("user.create", "user", ID, null));
        assertThat(AuditedRoute.of(audited("gallery.create", ""), "/api/v1/galleries", Map.of(), 400, null))
                .as("nothing created, no target")
                .isEqualTo(new AuditedRoute("gallery.create", null, null, null));
        assertThat(AuditedRoute.of(
                        audited("face.enroll", ""),
                        "/api/v1/persons/{personId}/faces",
                        Map.of("personId", ID),
                        422,
                        null))
                .as("a refused enrolment targets the person")
                .isEqualTo(new AuditedRoute("face.enroll", "person", ID, null));
    }

    @Test
    void anUnknownRouteIsRecordedAsUnknown() {
        assertThat(AuditedRoute.of(null, null, Map.of(), 404, null))
                .isEqualTo(new AuditedRoute("unknown", null, null, null));
        assertThat(AuditedRoute.of(PERSON_DELETE, "/**", Map.of(), 404, null).action())
                .isEqualTo("unknown");
        assertThat(AuditedRoute.of(null, "/api/v1/persons/{id}", Map.of(), 404, null)
                        .action())
                .as("a handler that declares no action")
                .isEqualTo("unknown");
    }
}
