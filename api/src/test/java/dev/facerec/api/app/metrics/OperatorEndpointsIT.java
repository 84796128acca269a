package dev.facerec.api.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import dev.facerec.api.fake.FakeFaceDetector;
import dev.facerec.api.fake.FakeFaceEmbedder;
import dev.facerec.api.fake.FakeFaceEngine;
import dev.facerec.ml.FaceEngine;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/** The operator-facing paths outside Actuator, through the whole service with a fake engine. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OperatorEndpointsIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @TestBean
    FaceEngine faceEngine;

    static FaceEngine faceEngine() {
        return new FakeFaceEngine();
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/metrics", "/metrics/prometheus"})
    void metricsAnswerThePrometheusTextOfTheActuatorEndpoint(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(response.body())
                .contains("# TYPE facerec_models_loaded gauge", "facerec_models_loaded 1.0", "jvm_memory_used_bytes");
    }

    @Test
    void healthInTheShapeOperatorsScriptsRead() throws Exception {
        HttpResponse<String> response = get("/api/v1/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "\"status\":\"healthy\"",
                        "\"gpu_available\":false",
                        "\"detector\":\"" + FakeFaceDetector.MODEL_ID + "\"",
                        "\"recognizer\":\"" + FakeFaceEmbedder.MODEL.id() + "\"",
                        "\"loaded\":true",
                        "\"version\":\"");
    }

    @Test
    void unhealthyWhileTheModelsDoNotAnswer() throws Exception {
        FakeFaceEngine engine = (FakeFaceEngine) faceEngine;
        engine.close();
        try {
            HttpResponse<String> response = get("/api/v1/health");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("\"status\":\"unhealthy\"", "\"loaded\":false", "\"version\":\"");
        } finally {
            engine.reopen();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return new TestHttp(port).getText(path);
    }
}
