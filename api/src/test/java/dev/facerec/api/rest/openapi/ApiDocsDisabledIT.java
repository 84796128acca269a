package dev.facerec.api.rest.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** API_DOCS_ENABLED=false: the document and Swagger UI are gone (404 problems), the API is not. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.ml.models-dir=${facerec.models.dir}", "API_DOCS_ENABLED=false"})
class ApiDocsDisabledIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Test
    void theDocumentAndSwaggerUiAnswer404() throws Exception {
        for (String path : List.of(
                "/v3/api-docs",
                "/v3/api-docs.yaml",
                "/v3/api-docs/swagger-config",
                "/swagger-ui",
                "/swagger-ui/index.html",
                "/swagger-ui/swagger-ui-bundle.js",
                "/swagger-ui.html")) {
            HttpResponse<String> response = TestHttp.anonymous(port).getText(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(new TestHttp(port).getText("/api/v1/galleries").statusCode()).isEqualTo(200);
    }
}
