package dev.facerec.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.facerec.api.TestHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built jar started as an operator would with {@code LOG_FORMAT=json}, {@code FACEREC_LOG_FILE} and
 * {@code WEBHOOK_URL} pointing at a real local HTTP server: every stdout line is one JSON object, requests carry their
 * id, the ready line says where start-up time went, the webhook receives the ready notification, and no secret
 * (administrator password, generated JWT and encryption keys, the webhook's token) appears in any output.
 */
class StructuredLogsIT {
    private static final Duration START_LIMIT = Duration.ofSeconds(180);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WEBHOOK_TOKEN = "hook-token-" + UUID.randomUUID();

    @TempDir
    static Path work;

    private static HttpServer receiver;
    private static final CompletableFuture<String> notification = new CompletableFuture<>();
    private static final CompletableFuture<String> notificationType = new CompletableFuture<>();
    private static Process service;
    private static int port;
    private static String requestId;

    @BeforeAll
    static void startTheJarWithJsonLogs() throws Exception {
        Path jar = Scripts.REPOSITORY.resolve("api/target/facerec.jar");
        assertThat(jar).as("the jar that package builds").exists();
        String models = System.getProperty("facerec.models.dir");
        assertThat(models).as("system property facerec.models.dir").isNotNull();

        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/" + WEBHOOK_TOKEN, exchange -> {
            notificationType.complete(exchange.getRequestHeaders().getFirst("Content-Type"));
            notification.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "|"
                    + exchange.getRequestMethod());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        port = Scripts.freePort();
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED",
                "--add-modules",
                "jdk.incubator.vector",
                "-jar",
                jar.toString());
        var builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(work.resolve("stdout.log").toFile())
                .redirectError(work.resolve("stderr.log").toFile());
        Map<String, String> environment = builder.environment();
        environment
                .keySet()
                .removeIf(name -> name.startsWith("LOG")
                        || name.startsWith("DATABASE_")
                        || name.startsWith("REDIS_")
                        || name.startsWith("S3_")
                        || name.startsWith("JWT_")
                        || name.startsWith("ENCRYPTION_")
                        || name.startsWith("FACEREC_")
                        || name.startsWith("WEBHOOK"));
        environment.putAll(Map.of(
                "SERVER_PORT",
                String.valueOf(port),
                "MANAGEMENT_PORT",
                String.valueOf(Scripts.freePort()),
                "FACE_MODELS_DIR",
                models,
                "FACEREC_DATA_DIR",
                work.resolve("data").toString(),
                "FACEREC_ADMIN_PASSWORD",
                TestHttp.ADMIN_PASSWORD,
                "LOG_FORMAT",
                "json",
                "FACEREC_LOG_FILE",
                work.resolve("logs/facerec.log").toString(),
                "LOGGING_LEVEL_DEV_FACEREC_ACCESS",
                "DEBUG",
                "WEBHOOK_URL",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + WEBHOOK_TOKEN));
        service = builder.start();

        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!notification.isDone()) {
            if (!service.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the service did not become ready (exit "
                        + (service.isAlive() ? "none" : service.exitValue()) + "):\n" + output());
            }
            Thread.sleep(200);
        }
        requestId = "logs-it-" + UUID.randomUUID().toString().substring(0, 8);
        // Readiness flips right after the ready event that sends the webhook: allow a moment.
        HttpResponse<String> ready;
        int attempts = 0;
        do {
            Thread.sleep(attempts == 0 ? 0 : 200);
            ready = TestHttp.withHeader(port, "X-Request-Id", requestId).getText("/health/ready");
        } while (ready.statusCode() != 200 && ++attempts < 50);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        // Signing in sends the administrator's password through the service.
        HttpResponse<String> persons = new TestHttp(port).call("GET", "/api/v1/persons");
        assertThat(persons.statusCode()).as(persons.body()).isEqualTo(200);

        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS))
                .as("stopped on SIGTERM")
                .isTrue();
    }

    @AfterAll
    static void stop() {
        if (service != null && service.isAlive()) {
            service.destroyForcibly();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void everyStdoutLineIsOneJsonObjectAndRequestsCarryTheirId() throws IOException {
        List<JsonNode> lines = jsonLines(work.resolve("stdout.log"));
        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(lines)
                .allSatisfy(line -> assertThat(line.path("message").isString())
                        .as(line.toString())
                        .isTrue());
        assertThat(lines)
                .as("the access line of GET /health/ready with the caller's request id")
                .anySatisfy(line -> {
                    assertThat(line.path("requestId").asString()).isEqualTo(requestId);
                    assertThat(line.path("message").asString()).startsWith("GET /health/ready 200");
                });
        assertThat(lines)
                .as("the ML/GPU logger line")
                .anySatisfy(line -> assertThat(line.toString()).contains("dev.facerec.ml.gpu", "Inference runs on"));
    }

    @Test
    void theReadyLineSaysWhereStartUpTimeWent() throws IOException {
        assertThat(jsonLines(work.resolve("stdout.log")))
                .anySatisfy(line -> assertThat(line.path("message").asString())
                        .matches("Ready in \\d+\\.\\d s \\(models \\d+\\.\\d s, execution provider (CPU|CUDA),"
                                + " provider check \\d+ ms\\)"));
    }

    @Test
    void theRollingFileGetsTheSameJsonLines() throws IOException {
        List<JsonNode> lines = jsonLines(work.resolve("logs/facerec.log"));
        assertThat(lines)
                .anySatisfy(
                        line -> assertThat(line.path("requestId").asString()).isEqualTo(requestId));
    }

    @Test
    void theWebhookReceivedTheReadyNotification() throws Exception {
        String[] received = notification.get().split("\\|");
        assertThat(received[1]).isEqualTo("POST");
        assertThat(notificationType.get()).isEqualTo("application/json");
        JsonNode body = JSON.readTree(received[0]);
        assertThat(body.path("service").asString()).isEqualTo("facerec");
        assertThat(body.path("status").asString()).isEqualTo("ready");
        assertThat(body.path("version").asString()).isNotBlank();
        assertThat(body.path("host").asString()).isNotBlank();
        assertThat(body.path("executionProvider").asString()).isIn("CPU", "CUDA");
        assertThat(body.path("startSeconds").asDouble()).isPositive();
    }

    @Test
    void noSecretAppearsInAnyOutput() throws IOException {
        List<String> secrets = new ArrayList<>(List.of(TestHttp.ADMIN_PASSWORD, WEBHOOK_TOKEN));
        try (Stream<Path> files = Files.list(work.resolve("data/secrets"))) {
            files.forEach(file -> secrets.add(read(file).strip()));
        }
        assertThat(secrets).as("the generated secrets").hasSizeGreaterThanOrEqualTo(3);
        String everything = output() + read(work.resolve("logs/facerec.log"));
        assertThat(everything).contains("Start-up notification sent to http://127.0.0.1:");
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(everything).as("a secret in the logs").doesNotContain(secret);
        }
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                lines.add(node);
            }
        }
        return lines;
    }

    private static String output() {
        return read(work.resolve("stdout.log")) + read(work.resolve("stderr.log"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
