package dev.facerec.api.rest.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import dev.facerec.api.http.error.ProblemCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The real service's OpenAPI document over real HTTP, read by a real OpenAPI parser: it must validate, describe every
 * endpoint of the application's own handler mapping (so a new endpoint cannot go undocumented), and carry both
 * security schemes and the problem responses. Swagger UI must load its page and assets under a policy without eval.
 * The document is written to {@code target/openapi.json} for reading.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.ml.models-dir=${facerec.models.dir}"})
class ApiDocsIT {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

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

    private HttpResponse<String> document;
    private OpenAPI openApi;

    @BeforeEach
    void readTheDocumentAnonymously() throws Exception {
        document = TestHttp.anonymous(port).getText("/v3/api-docs");
        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), document.body());
        var options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body(), null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        openApi = parsed.getOpenAPI();
        assertThat(openApi).isNotNull();
    }

    @Test
    void isOpenApi31WithTheServiceVersionAndTags() {
        assertThat(openApi.getOpenapi()).startsWith("3.1");
        assertThat(openApi.getInfo().getTitle()).isNotBlank();
        assertThat(openApi.getInfo().getVersion()).isNotBlank();
        Set<String> used = new TreeSet<>();
        operations().forEach((key, operation) -> {
            assertThat(operation.getTags()).as(key).hasSize(1);
            assertThat(operation.getOperationId()).as(key).isNotBlank();
            assertThat(operation.getSummary()).as(key).isNotBlank();
            used.addAll(operation.getTags());
        });
        assertThat(used)
                .containsExactlyInAnyOrder(
                        "auth",
                        "galleries",
                        "persons",
                        "faces",
                        "identify",
                        "jobs",
                        "api-keys",
                        "webhooks",
                        "users",
                        "audit",
                        "health",
                        "admin");
    }

    @Test
    void describesEveryEndpointOfTheHandlerMappingAndNoOther() {
        Set<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            // The CompreFace-compatible API is CompreFace's, described by its documentation (docs/compreface.md).
            if (entry.getValue().getBeanType().getPackageName().startsWith("org.springdoc")
                    || entry.getValue().getBeanType().getPackageName().equals("dev.facerec.api.compat")
                    || info.getPatternValues().contains("/error")) {
                continue;
            }
            assertThat(info.getMethodsCondition().getMethods())
                    .as("an endpoint for every method cannot be documented: " + info)
                    .isNotEmpty();
            for (String pattern : info.getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + pattern));
            }
        }
        assertThat(mapped).as("the handler mapping's endpoints").hasSizeGreaterThan(40);
        assertThat(operations().keySet())
                .as("every endpoint of the handler mapping is in the document, and nothing else")
                .containsExactlyInAnyOrderElementsOf(mapped);
    }

    @Test
    void bothSecuritySchemesApplyExceptToThePublicOperations() {
        Map<String, SecurityScheme> schemes = openApi.getComponents().getSecuritySchemes();
        assertThat(schemes.get("bearer").getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(schemes.get("bearer").getScheme()).isEqualTo("bearer");
        assertThat(schemes.get("apiKey").getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(schemes.get("apiKey").getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(schemes.get("apiKey").getName()).isEqualTo("X-API-Key");
        assertThat(openApi.getSecurity())
                .extracting(requirement -> requirement.keySet())
                .containsExactlyInAnyOrder(Set.of("bearer"), Set.of("apiKey"));

        Set<String> open = new TreeSet<>();
        operations().forEach((key, operation) -> {
            if (operation.getSecurity() != null && operation.getSecurity().isEmpty()) {
                open.add(key);
            }
        });
        assertThat(open)
                .containsExactlyInAnyOrder(
                        "GET /health",
                        "GET /health/live",
                        "GET /health/ready",
                        "GET /api/v1/health",
                        "POST /api/v1/auth/login",
                        "POST /api/v1/auth/refresh");
        assertThat(document.body()).contains("\"security\":[]");
    }

    @Test
    void errorsAreProblemsWithTheirCodes() {
        Schema<?> problem = openApi.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties())
                .containsKeys("type", "title", "status", "detail", "instance", "code", "requestId", "details");
        List<String> codes = new ArrayList<>();
        problem.getProperties().get("code").getEnum().forEach(code -> codes.add(code.toString()));
        assertThat(codes)
                .containsAll(Arrays.stream(ProblemCode.values())
                        .map(ProblemCode::name)
                        .toList())
                .contains("IDEMPOTENCY_IN_PROGRESS", "IDEMPOTENCY_KEY_REUSED");

        Operation galleries = operation("GET", "/api/v1/galleries");
        for (String status : List.of("401", "403", "429", "503")) {
            assertProblem(galleries, status);
        }
        assertThat(galleries.getResponses().get("401").getDescription()).contains("UNAUTHENTICATED");
        assertThat(galleries.getResponses().get("429").getHeaders()).containsKey("Retry-After");
        assertProblem(operation("GET", "/api/v1/persons/{id}"), "404");
        assertProblem(operation("POST", "/api/v1/galleries"), "400");
        assertProblem(operation("POST", "/api/v1/galleries"), "413");
        assertThat(operation("POST", "/api/v1/auth/login").getResponses()).doesNotContainKey("403");
        assertThat(operation("GET", "/health/live").getResponses()).doesNotContainKeys("401", "403", "429");

        operations()
                .forEach((key, operation) -> operation.getResponses().forEach((status, response) -> {
                    MediaType body = response.getContent() == null
                            ? null
                            : response.getContent().get(PROBLEM_JSON);
                    if (body != null) {
                        assertThat(body.getSchema().get$ref())
                                .as(key + " " + status)
                                .isEqualTo(PROBLEM_REF);
                    }
                    if (status.startsWith("4")) {
                        assertThat(body)
                                .as(key + " " + status + " is a problem")
                                .isNotNull();
                    }
                }));
    }

    @Test
    void uploadsAreMultipartWithABinaryFileAndJsonBodiesHaveSchemas() {
        Operation detect = operation("POST", "/api/v1/faces/detect");
        Schema<?> form =
                detect.getRequestBody().getContent().get("multipart/form-data").getSchema();
        Schema<?> image = form.getProperties().get("image");
        assertThat(image.getFormat() != null ? image.getFormat() : image.getContentMediaType())
                .as("image is a file")
                .isIn("binary", "application/octet-stream");
        assertThat(form.getRequired()).contains("image");
        for (String status : List.of("413", "415", "422")) {
            assertProblem(detect, status);
        }
        Schema<?> compare = operation("POST", "/api/v1/faces/compare")
                .getRequestBody()
                .getContent()
                .get("multipart/form-data")
                .getSchema();
        assertThat(compare.getRequired()).contains("source", "target");
        Operation job = operation("POST", "/api/v1/jobs/enrollments");
        Schema<?> jobForm =
                job.getRequestBody().getContent().get("multipart/form-data").getSchema();
        assertThat(jobForm.getProperties()).containsKey("archive");
        assertThat(jobForm.getRequired())
                .as("an S3 prefix may come instead of the archive")
                .isNullOrEmpty();
        assertThat(job.getParameters())
                .extracting(parameter -> parameter.getName())
                .contains("galleryId", "s3Prefix", "Idempotency-Key");
        assertThat(job.getResponses()).containsKeys("202", "404", "409").doesNotContainKey("200");

        MediaType json = operation("POST", "/api/v1/persons")
                .getRequestBody()
                .getContent()
                .get("application/json");
        assertThat(json.getSchema().get$ref()).isNotBlank();
        assertThat(operation("GET", "/api/v1/persons").getParameters())
                .extracting(parameter -> parameter.getName())
                .contains("galleryId", "name", "externalId", "page", "size");
        assertThat(operation("POST", "/api/v1/persons").getParameters())
                .extracting(parameter -> parameter.getName())
                .contains("Idempotency-Key");
    }

    @Test
    void theDocumentedSuccessStatusIsTheOneAnswered() throws Exception {
        var admin = new TestHttp(port);
        HttpResponse<String> gallery = admin.postJson("/api/v1/galleries", "{\"name\":\"docs\"}");
        assertSuccess("POST", "/api/v1/galleries", gallery);
        String galleryId = gallery.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertSuccess(
                "POST",
                "/api/v1/persons",
                admin.postJson("/api/v1/persons", "{\"galleryId\":\"" + galleryId + "\",\"name\":\"Ada\"}"));
        HttpResponse<String> key = admin.postJson("/api/v1/api-keys", "{\"name\":\"docs\",\"role\":\"VIEWER\"}");
        assertSuccess("POST", "/api/v1/api-keys", key);
        String keyId = key.body().replaceAll(".*\"apiKey\":\\{\"id\":\"([^\"]+)\".*", "$1");
        assertSuccess("DELETE", "/api/v1/api-keys/{id}", admin.call("DELETE", "/api/v1/api-keys/" + keyId));
        assertSuccess("GET", "/api/v1/galleries", admin.getText("/api/v1/galleries"));
    }

    private void assertSuccess(String method, String path, HttpResponse<String> answered) {
        assertThat(operation(method, path).getResponses().keySet().stream().filter(status -> status.startsWith("2")))
                .as(method + " " + path + " answered " + answered.statusCode() + " " + answered.body())
                .containsExactly(String.valueOf(answered.statusCode()));
    }

    @Test
    void swaggerUiLoadsItsPageAssetsAndDocumentUnderAPolicyWithoutEval() throws Exception {
        var http = TestHttp.anonymous(port);
        HttpResponse<String> entry = http.getText("/swagger-ui");
        assertThat(entry.statusCode()).isIn(200, 302);
        String pagePath = entry.statusCode() == 302
                ? entry.headers().firstValue("Location").orElseThrow()
                : "/swagger-ui";
        HttpResponse<String> page = http.getText(pagePath.replaceFirst("^https?://[^/]+", ""));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .doesNotContain("unsafe-eval")
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'");
        assertThat(policy.replaceAll("style-src[^;]*", "")).doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).doesNotContainPattern("<script>[^<]");

        List<String> assets = new ArrayList<>();
        Matcher asset = ASSET.matcher(page.body());
        while (asset.find()) {
            assets.add(asset.group(1));
        }
        assertThat(assets).anyMatch(path -> path.endsWith(".js")).anyMatch(path -> path.endsWith(".css"));
        String base = pagePath.substring(0, pagePath.lastIndexOf('/') + 1);
        for (String path : assets) {
            String absolute = path.startsWith("/") ? path : base + path.replaceFirst("^\\./", "");
            HttpResponse<String> loaded = http.getText(absolute.replaceFirst("^https?://[^/]+", ""));
            assertThat(loaded.statusCode()).as(absolute).isEqualTo(200);
        }
        HttpResponse<String> config = http.getText("/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"url\":\"/v3/api-docs\"");
    }

    private static void assertProblem(Operation operation, String status) {
        ApiResponse response = operation.getResponses().get(status);
        assertThat(response).as(operation.getOperationId() + " " + status).isNotNull();
        assertThat(response.getContent().get(PROBLEM_JSON).getSchema().get$ref())
                .as(operation.getOperationId() + " " + status)
                .isEqualTo(PROBLEM_REF);
    }

    private Operation operation(String method, String path) {
        Operation operation = operations().get(method + " " + path);
        assertThat(operation).as(method + " " + path).isNotNull();
        return operation;
    }

    private Map<String, Operation> operations() {
        Map<String, Operation> operations = new java.util.TreeMap<>();
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            path.getValue()
                    .readOperationsMap()
                    .forEach((method, operation) -> operations.put(method.name() + " " + path.getKey(), operation));
        }
        return operations;
    }
}
