package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facerec.api.app.config.ManagementProperties;
import dev.facerec.api.fake.FakeFaceEngine;
import dev.facerec.api.fake.FakeImages;
import dev.facerec.ml.FaceEngine;
import dev.facerec.persistence.DatabaseInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service over real HTTP and Tomcat, with a fake engine in place of the models: application.yml, the
 * wiring, Actuator and the upload limits as the container enforces them. The models directory is configured as the
 * end-to-end tests will do it, from the {@code facerec.models.dir} system property.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.upload.max-bytes=4KB", "facerec.ml.models-dir=${facerec.models.dir:./models}"})
class ServiceWiringIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) throws IOException {
        ThrowawayDataFolder.register(registry, dataDir);
        // NVIDIA_SMI pointed at a stand-in that prints what the real tool printed on a busy H100.
        Path nvidiaSmi = dataDir.resolve("nvidia-smi");
        Files.writeString(nvidiaSmi, "#!/bin/sh\necho '" + BUSY_H100 + "'\n");
        Files.setPosixFilePermissions(nvidiaSmi, PosixFilePermissions.fromString("rwx------"));
        registry.add("facerec.gpu.nvidia-smi", nvidiaSmi::toString);
    }

    private static final String BUSY_H100 = "0, NVIDIA H100 80GB HBM3, 21491, 81559, 100, 56, 580.159.04";

    private static final String BOUNDARY = TestHttp.BOUNDARY;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestBean
    FaceEngine faceEngine;

    static FaceEngine faceEngine() {
        return new FakeFaceEngine();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    ApplicationContext context;

    @Test
    void withoutDatabaseHostTheEmbeddedDatabaseIsUsedInTheDataFolder() {
        DatabaseInfo database = context.getBean(DatabaseInfo.class);
        assertThat(database.kind()).isEqualTo(DatabaseInfo.Kind.EMBEDDED);
        assertThat(database.url()).contains(dataDir.toString());
        assertThat(context.getBeanNamesForType(DataSource.class)).hasSize(1);
    }

    @Test
    void detectsOverHttpWithARequestId() throws Exception {
        HttpResponse<String> response = send(multipart(
                "/api/v1/faces/detect", BodyPublishers::ofByteArray, part("image", FakeImages.portrait("alice"))));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).contains("\"imageWidth\":64");
    }

    @Test
    void readyOnceTheModelsAnswer() throws Exception {
        HttpResponse<String> response = send(get("/health/ready"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"", "fake-recognizer", "\"executionProvider\":\"CPU\"");
    }

    @Test
    void actuatorExposesHealthWithTheModelsInfoAndPrometheusOnlyOnTheManagementPort() throws Exception {
        TestHttp management = TestHttp.anonymous(managementPort);
        HttpResponse<String> health = management.getText("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"models\"");
        assertThat(management.getText("/actuator/health/readiness").body()).contains("\"models\"");
        assertThat(management.getText("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(TestHttp.anonymous(port).getText("/actuator/prometheus").statusCode())
                .as("not on the API port, and nothing there answers anonymous callers")
                .isEqualTo(401);
        assertThat(send(get("/actuator/prometheus")).statusCode())
                .as("not on the API port")
                .isEqualTo(404);
        send(multipart("/api/v1/faces/detect", BodyPublishers::ofByteArray, part("image", FakeImages.portrait("bob"))));
        HttpResponse<String> prometheus = management.getText("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains(
                        "jvm_memory_used_bytes",
                        "facerec_models_loaded 1.0",
                        "facerec_gpu_available 0.0",
                        "facerec_models_load_seconds",
                        "facerec_index_memory_bytes",
                        "facerec_cache_available 1.0",
                        "facerec_inference_seconds_count{model=\"fake-detector\",stage=\"detect\"}",
                        "facerec_inference_seconds_bucket{model=\"none\",stage=\"decode\",le=",
                        "facerec_faces_detected_total{model=\"fake-detector\"}",
                        "facerec_galleries ",
                        "facerec_gallery_faces{gallery=\"other\"}",
                        "facerec_embedding_cache_requests_total{result=\"hit\"}",
                        "facerec_embedding_cache_requests_total{result=\"miss\"}",
                        "facerec_embedding_cache_requests_total{result=\"error\"}");
        assertThat(management.getText("/actuator/env").statusCode())
                .as("anything else on the management port needs credentials")
                .isEqualTo(401);
        String admin = TestHttp.signIn(port, TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        assertThat(TestHttp.withToken(managementPort, admin)
                        .getText("/actuator/env")
                        .statusCode())
                .as("and is not exposed at all")
                .isEqualTo(404);
    }

    @Test
    void theGpusTheDriverReportsAreInTheDetailedHealthAndTheScrape() throws Exception {
        TestHttp management = TestHttp.anonymous(managementPort);
        String scrape = "";
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
            scrape = management.getText("/actuator/prometheus").body();
            if (scrape.contains("facerec_gpu_memory_used_bytes")) {
                break;
            }
        }
        assertThat(scrape)
                .contains(
                        "facerec_gpu_devices 1.0",
                        "facerec_gpu_monitor_failing 0.0",
                        "facerec_gpu_memory_used_bytes{gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\"} 2.2534946816E10",
                        "facerec_gpu_memory_total_bytes{gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\"} 8.5520809984E10",
                        "facerec_gpu_utilization_ratio{gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\"} 1.0",
                        "facerec_gpu_temperature_celsius{gpu=\"0\",name=\"NVIDIA H100 80GB HBM3\"} 56.0");

        HttpResponse<String> detailed = send(get("/health/detailed"));
        assertThat(detailed.statusCode()).isEqualTo(200);
        assertThat(detailed.body())
                .contains(
                        "\"gpu\":{\"status\":\"UP\"",
                        "\"name\":\"NVIDIA H100 80GB HBM3\"",
                        "\"memoryUsedMiB\":21491",
                        "\"inference\":\"CPU\"",
                        "\"kind\":\"nvidia-smi\"");
    }

    /** Requests Tomcat cannot parse or refuses before any servlet runs, with the status each gets. */
    static Stream<Arguments> malformedRequests() {
        String end = "Host: localhost\r\nConnection: close\r\n\r\n";
        return Stream.of(
                Arguments.of("a bad character in the path", "GET /api/v1/gal|leries HTTP/1.1\r\n" + end, 400),
                Arguments.of("a brace in the path", "GET /api/v1/{x} HTTP/1.1\r\n" + end, 400),
                Arguments.of("bad percent-encoding", "GET /api/v1/%zz HTTP/1.1\r\n" + end, 400),
                Arguments.of("an encoded slash", "GET /api/v1/galleries%2F..%2Fx HTTP/1.1\r\n" + end, 400),
                Arguments.of("a path above the root", "GET /api/../../etc/passwd HTTP/1.1\r\n" + end, 400),
                Arguments.of("a space in a header name", "GET /health/live HTTP/1.1\r\nBad Header: 1\r\n" + end, 400),
                Arguments.of(
                        "a control character in a header", "GET /health/live HTTP/1.1\r\nX-A: a\u0001b\r\n" + end, 400),
                Arguments.of(
                        "headers too large",
                        "GET /health/live HTTP/1.1\r\nX-A: " + "a".repeat(20_000) + "\r\n" + end,
                        400),
                Arguments.of(
                        "a request line too long",
                        "GET /health/live?" + "a".repeat(20_000) + " HTTP/1.1\r\n" + end,
                        400),
                Arguments.of("a bad method token", "G(T /health/live HTTP/1.1\r\n" + end, 400),
                Arguments.of(
                        "a bad Content-Length",
                        "POST /api/v1/auth/login HTTP/1.1\r\nContent-Length: x1\r\n" + end,
                        400),
                Arguments.of("no Host header", "GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("CONNECT", "CONNECT localhost:443 HTTP/1.1\r\n" + end, 501),
                Arguments.of(
                        "an unknown transfer coding",
                        "POST /api/v1/auth/login HTTP/1.1\r\nTransfer-Encoding: zip\r\n" + end,
                        501),
                Arguments.of("an unknown HTTP version", "GET /health/live HTTP/1.7\r\n" + end, 505),
                Arguments.of("TRACE", "TRACE /health/live HTTP/1.1\r\n" + end, 405));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestsGetProblemsNotHtmlOnBothPorts(String what, String request, int status) throws Exception {
        for (int target : new int[] {port, managementPort}) {
            String where = what + " on the " + (target == port ? "API" : "management") + " port";
            RawHttp.Response response = RawHttp.send("127.0.0.1", target, request);
            assertThat(response.status()).as(where + ": " + response).isEqualTo(status);
            assertThat(response.header("Content-Type"))
                    .as(where + ": " + response)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.text())
                    .as(where)
                    .doesNotContainIgnoringCase("<html")
                    .doesNotContain("Tomcat");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).as(where).isEqualTo(status);
            assertThat(problem.get("code").asString()).as(where).isNotBlank();
            assertThat(problem.get("detail").asString()).as(where).isNotBlank();
            assertThat(problem.get("requestId").asString())
                    .as(where)
                    .isNotBlank()
                    .isEqualTo(response.header("X-Request-Id").orElseThrow());
        }
    }

    @Test
    void theErrorPathAskedForDirectlyIsNotFound() throws Exception {
        for (String method : List.of("GET", "POST")) {
            HttpResponse<String> response = TestHttp.anonymous(port).call(method, "/error");
            assertThat(response.statusCode())
                    .as(method + " /error: " + response.body())
                    .isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("NOT_FOUND");
            HttpResponse<String> signedIn = new TestHttp(port).call(method, "/error");
            assertThat(signedIn.statusCode())
                    .as(method + " /error signed in: " + signedIn.body())
                    .isEqualTo(404);
            HttpResponse<String> management = TestHttp.anonymous(managementPort).call(method, "/error");
            assertThat(management.statusCode())
                    .as(method + " /error on the management port: " + management.body())
                    .isEqualTo(404);
            assertThat(management.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void theManagementPortListensOnLoopbackOnly() throws Exception {
        assertThat(context.getBean(ManagementProperties.class).address())
                .as("MANAGEMENT_ADDRESS's default")
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(connects(InetAddress.getByName("127.0.0.1"), managementPort)).isTrue();
        Optional<InetAddress> other = otherAddressOfThisHost();
        assumeTrue(other.isPresent(), "this host has no network interface but loopback");
        assertThat(connects(other.get(), port))
                .as("the API port answers on " + other.get() + ", so that address is reachable")
                .isTrue();
        assertThat(connects(other.get(), managementPort))
                .as("the management port does not answer on " + other.get())
                .isFalse();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An IPv4 address of an interface of this host that is up and not loopback, if there is one. */
    private static Optional<InetAddress> otherAddressOfThisHost() throws IOException {
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (face.isUp() && !face.isLoopback()) {
                for (InetAddress address : Collections.list(face.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void declaredOversizedUploadIsRefusedBeforeItsBodyIsSent() throws Exception {
        // A raw socket sends only the headers, announcing a body it never sends: the answer can only come from the
        // declared length. (An HTTP client racing to send the body made this flaky when the server closed first.)
        String head = "POST /api/v1/faces/detect HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                + "Content-Length: " + (512 * 1024) + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
        String response;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            response = readUntilClosedOrProblemEnds(socket.getInputStream());
        }
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).contains("\"code\":\"UPLOAD_TOO_LARGE\"");
    }

    private static String readUntilClosedOrProblemEnds(java.io.InputStream in) throws IOException {
        var received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int read; (read = in.read(buffer)) != -1; ) {
                received.write(buffer, 0, read);
                if (received.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\"requestId\"")) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // Whatever arrived is judged by the assertions.
        }
        return received.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void chunkedOversizedImageMeetsTheMultipartLimit() throws Exception {
        byte[] image = new byte[8 * 1024];
        HttpResponse<String> response = send(multipart(
                "/api/v1/faces/detect",
                bytes -> BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                part("image", image)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"UPLOAD_TOO_LARGE\"", "\"requestId\"");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http().send(request);
    }

    private HttpRequest get(String path) {
        return http().get(path);
    }

    private HttpRequest multipart(String path, Function<byte[], BodyPublisher> publisher, byte[]... parts) {
        return http().multipart(path, publisher, parts);
    }

    private static byte[] part(String field, byte[] content) {
        return TestHttp.part(field, content);
    }

    private URI uri(String path) {
        return http().uri(path);
    }

    private TestHttp http() {
        return new TestHttp(port);
    }
}
