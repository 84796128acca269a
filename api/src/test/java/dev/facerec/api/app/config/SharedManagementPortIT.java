package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.RawHttp;
import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import dev.facerec.api.fake.FakeFaceEngine;
import dev.facerec.ml.FaceEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * MANAGEMENT_PORT set to SERVER_PORT, as docs/configuration.md allows: the service starts (MANAGEMENT_ADDRESS, set by
 * default, does not apply then), the actuator needs ADMIN like everything on the API port, and the edge answers problems
 * as usual.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=${server.port}", "facerec.ml.models-dir=${facerec.models.dir:./models}"})
class SharedManagementPortIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolderAndOnePort(DynamicPropertyRegistry registry) throws IOException {
        ThrowawayDataFolder.register(registry, dataDir);
        // A fixed port: port 0 for both would give each a random port of its own, not one shared port.
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        registry.add("server.port", () -> port);
        registry.add("management.server.port", () -> port);
    }

    @TestBean
    FaceEngine faceEngine;

    static FaceEngine faceEngine() {
        return new FakeFaceEngine();
    }

    @LocalServerPort
    int port;

    @Test
    void theActuatorSharesTheApiPortAndItsRules() throws Exception {
        assertThat(TestHttp.anonymous(port).getText("/actuator/health").statusCode())
                .isEqualTo(401);
        assertThat(new TestHttp(port).getText("/actuator/health").statusCode()).isEqualTo(200);
        HttpResponse<String> error = TestHttp.anonymous(port).call("GET", "/error");
        assertThat(error.statusCode()).as(error.body()).isEqualTo(404);
        RawHttp.Response malformed = RawHttp.send(
                "127.0.0.1", port, "GET /api/v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
