package dev.facerec.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console as the service serves it, over real HTTP: its page and files without credentials and with the console's
 * Content-Security-Policy, while writes to its paths and everything else keep the API's rules.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "facerec.ml.models-dir=${facerec.models.dir}")
class ConsoleServingIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Test
    void thePageAndItsModulesAreServedWithTheConsolePolicy() throws Exception {
        HttpResponse<String> page = TestHttp.anonymous(port).call("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app/main.js\">");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> module = TestHttp.anonymous(port).call("GET", "/console/app/main.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(module.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(module.headers().firstValue("Content-Security-Policy")).hasValue(policy);
        assertThat(TestHttp.anonymous(port)
                        .call("GET", "/console/styles/console.css")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aMissingFileIsAProblemAndNothingOutsideTheConsoleFolderIsServed() throws Exception {
        HttpResponse<String> missing = TestHttp.anonymous(port).call("GET", "/console/app/missing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        for (String path : new String[] {
            "/console/../application.yml", "/console/%2e%2e/application.yml", "/console/..%2fapplication.yml"
        }) {
            HttpResponse<String> outside = TestHttp.anonymous(port).call("GET", path);
            assertThat(outside.statusCode()).as(path).isIn(400, 401, 404);
            assertThat(outside.body()).as(path).doesNotContain("spring:");
        }
    }

    @Test
    void writesToTheConsolePathsAndTheApiKeepTheApiRules() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> write = TestHttp.anonymous(port).call(method, "/console/app/main.js");
            assertThat(write.statusCode()).as(method).isEqualTo(401);
            assertThat(write.body()).contains("\"code\":\"UNAUTHENTICATED\"");
        }
        HttpResponse<String> api = TestHttp.anonymous(port).call("GET", "/api/v1/galleries");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }
}
