package dev.facerec.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.ThrowawayDataFolder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * CORS on the CompreFace paths, for CompreFace's JavaScript SDK in a web page: a browser's preflight from an origin
 * the operator named is answered with the key header allowed; one from any other origin is refused, as are the
 * REST API's paths, whose CORS is a setting of its own.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "facerec.ml.models-dir=${facerec.models.dir}",
            "facerec.compat.cors-allowed-origins=https://cameras.example.org"
        })
class CompreFaceCorsIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @LocalServerPort
    int port;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> preflight(String path, String origin) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "x-api-key,content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNamedOriginMayCallWithAKey() throws Exception {
        for (String path :
                new String[] {"/api/v1/recognition/recognize", "/api/v1/detection/detect", "/api/v1/verification/verify"
                }) {
            HttpResponse<String> answer = preflight(path, "https://cameras.example.org");
            assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(path)
                    .contains("https://cameras.example.org");
            assertThat(answer.headers()
                            .firstValue("Access-Control-Allow-Headers")
                            .orElse(""))
                    .as(path)
                    .containsIgnoringCase("x-api-key");
        }
    }

    @Test
    void anyOtherOriginIsRefused() throws Exception {
        HttpResponse<String> answer = preflight("/api/v1/recognition/recognize", "https://evil.example.net");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theRestApiKeepsItsOwnSetting() throws Exception {
        HttpResponse<String> answer = preflight("/api/v1/identify", "https://cameras.example.org");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
