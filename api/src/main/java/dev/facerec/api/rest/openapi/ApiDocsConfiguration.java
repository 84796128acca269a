package dev.facerec.api.rest.openapi;

import dev.facerec.api.app.health.ServiceVersion;
import dev.facerec.api.http.security.ApiKeyFilter;
import dev.facerec.core.person.PageRequest;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI 3.1 document that springdoc builds from the controllers, completed with what it cannot see there: both
 * security schemes, the public operations, the tags, the {@code Problem} body of every error and which errors each
 * operation can answer ({@link ProblemResponses}). Switched off with {@code API_DOCS_ENABLED=false}, like the UI.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", havingValue = "true", matchIfMissing = true)
class ApiDocsConfiguration {
    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";
    static final String PROBLEM = "Problem";

    static {
        // Read by PageRequestResolver from the query string; ProblemResponses documents page and size instead.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(PageRequest.class);
        // Any JSON value (metadata, a nullable number in a PATCH), not the node class's getters; fields narrow it.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new JsonSchema());
    }

    @Bean
    OpenAPI facerecOpenApi(ObjectProvider<BuildProperties> build) {
        var components = new Components()
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("An access token from POST /api/v1/auth/login (or the external issuer"
                                        + " the service trusts), in Authorization: Bearer."))
                .addSecuritySchemes(
                        API_KEY,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name(ApiKeyFilter.HEADER)
                                .description("An API key from POST /api/v1/api-keys. Send either a key or a token,"
                                        + " not both."));
        components.addSchemas(PROBLEM, Schemas.problem());
        return new OpenAPI()
                .info(new Info()
                        .title("facerec API")
                        .version(ServiceVersion.of(build.getIfAvailable()))
                        .description(DESCRIPTION))
                // Relative: "Try it out" calls the origin the page came from, behind any proxy or load balancer.
                .servers(List.of(new Server().url("/").description("This service")))
                .components(components)
                // Either scheme will do; ProblemResponses clears this on the public operations.
                .security(
                        List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_KEY)))
                .tags(Area.tags());
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    OperationCustomizer pageParameters() {
        return new PageParameters();
    }

    @Bean
    OperationCustomizer declaredPolicies() {
        return new DeclaredPolicies();
    }

    private static final String DESCRIPTION = """
            Self-hosted face recognition: detect and compare faces, enrol persons in galleries, identify and verify \
            them, with accounts, API keys, gallery access lists, erasure receipts and an audit log.

            Every error is an RFC 9457 `application/problem+json` body (the `Problem` schema) whose `code` says what \
            went wrong; clients branch on `code`, not on the text. Every response carries `X-Request-Id` (send one to \
            choose it); the same id is the problem's `requestId` and appears in the service's logs. Answers 429 and \
            503 carry `Retry-After`.

            Roles, each including the ones below it: ADMIN (accounts, API keys, access lists, encryption keys, audit) \
            > OPERATOR (galleries, persons, faces, enrolment jobs, detailed health, metrics) > VIEWER (detect, compare, identify, \
            verify). Operations without security are open to anyone.
            """;

    /** The areas of the API, as tags, by the path an operation has. */
    enum Area {
        AUTH("auth", "Sign-in, tokens, password change, who am I"),
        GALLERIES("galleries", "Galleries and their access lists"),
        PERSONS("persons", "Persons enrolled in galleries"),
        FACES("faces", "Detection and comparison, a person's enrolled faces and 1:1 verification"),
        IDENTIFY("identify", "1:N identification within a gallery"),
        JOBS("jobs", "Bulk enrolment jobs from ZIP archives"),
        API_KEYS("api-keys", "API keys for machine clients"),
        WEBHOOKS("webhooks", "Signed event deliveries to integrators' URLs"),
        USERS("users", "User accounts"),
        AUDIT("audit", "The audit log"),
        HEALTH("health", "Health probes, metrics and what may be uploaded"),
        ADMIN("admin", "Administration: encryption key rotation");

        private final String tag;
        private final String description;

        Area(String tag, String description) {
            this.tag = tag;
            this.description = description;
        }

        String tag() {
            return tag;
        }

        static List<Tag> tags() {
            return Arrays.stream(values())
                    .map(area -> new Tag().name(area.tag).description(area.description))
                    .toList();
        }

        static Area of(String path) {
            if (path.startsWith("/api/v1/auth/")) {
                return AUTH;
            }
            if (path.startsWith("/api/v1/galleries")) {
                return GALLERIES;
            }
            if (path.startsWith("/api/v1/persons/{personId}") || path.startsWith("/api/v1/faces/")) {
                return FACES;
            }
            if (path.startsWith("/api/v1/persons")) {
                return PERSONS;
            }
            if (path.startsWith("/api/v1/identify")) {
                return IDENTIFY;
            }
            if (path.startsWith("/api/v1/jobs")) {
                return JOBS;
            }
            if (path.startsWith("/api/v1/api-keys")) {
                return API_KEYS;
            }
            if (path.startsWith("/api/v1/webhooks")) {
                return WEBHOOKS;
            }
            if (path.startsWith("/api/v1/users")) {
                return USERS;
            }
            if (path.startsWith("/api/v1/audit")) {
                return AUDIT;
            }
            if (path.startsWith("/api/v1/admin/")) {
                return ADMIN;
            }
            return HEALTH;
        }
    }
}
