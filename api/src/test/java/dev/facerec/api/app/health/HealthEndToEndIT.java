package dev.facerec.api.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import dev.facerec.api.fake.FakeFaceEngine;
import dev.facerec.ml.FaceEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The real service (application.yml, embedded database, local image folder) with Redis configured on a closed port:
 * the cache is down, so the service is DEGRADED yet ready, in both the plain and the Actuator views. Fake secrets are
 * configured to prove that no health body shows them.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "facerec.ml.models-dir=${facerec.models.dir:./models}",
            "facerec.redis.host=127.0.0.1",
            "facerec.redis.password=" + HealthEndToEndIT.REDIS_PASSWORD,
            "facerec.redis.timeout=500ms",
            "facerec.s3.secret-key=" + HealthEndToEndIT.S3_SECRET
        })
class HealthEndToEndIT {
    static final String REDIS_PASSWORD = "redis-pa55word-never-shown";
    static final String S3_SECRET = "s3-secret-never-shown";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolderAndClosedRedisPort(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
        registry.add("facerec.redis.port", HealthEndToEndIT::closedPort);
    }

    @TestBean
    FaceEngine faceEngine;

    static FaceEngine faceEngine() {
        return new FakeFaceEngine();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void detailedShowsTheEmbeddedDefaultsAndTheCacheDown() throws Exception {
        HttpResponse<String> detailed = get("/health/detailed");
        assertThat(detailed.statusCode()).isEqualTo(200);
        assertThat(detailed.body())
                .contains(
                        "\"status\":\"DEGRADED\"",
                        "\"kind\":\"EMBEDDED\"",
                        "\"kind\":\"local\"",
                        "\"encrypted\":true",
                        "\"kind\":\"redis\"",
                        "\"galleryIndex\":{\"status\":\"UP\"",
                        dataDir.toString());
        assertNoSecret(detailed.body());
    }

    @Test
    void readyWithoutTheCache() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> readiness = TestHttp.anonymous(managementPort).getText("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body())
                .endsWith("\"status\":\"UP\"}")
                .contains("\"database\"", "\"imageStore\"", "\"models\"", "\"readinessState\"")
                .doesNotContain("embeddingCache");
    }

    @Test
    void actuatorMapsDegradedToOk() throws Exception {
        HttpResponse<String> health = TestHttp.anonymous(managementPort).getText("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .endsWith("\"status\":\"DEGRADED\"}")
                .contains("\"embeddingCache\":{\"status\":\"DEGRADED\"}")
                .doesNotContain("\"db\"");
        assertNoSecret(health.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return new TestHttp(port).getText(path);
    }

    private static void assertNoSecret(String body) {
        assertThat(body.toLowerCase(Locale.ROOT)).doesNotContain("password", "secret", "pa55word");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
