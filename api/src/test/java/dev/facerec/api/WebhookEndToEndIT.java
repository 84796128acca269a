package dev.facerec.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against a real HTTP receiver started here on 127.0.0.1 (allow-listed by that one address): it checks the
 * signature of what it gets, fails on purpose (500 then 200: the retry shows in the delivery log), is slow on purpose
 * (the read timeout is recorded while the service keeps answering), and keeps failing until the subscription is
 * disabled. Other loopback and private addresses stay refused with a 400 problem.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "facerec.ml.models-dir=${facerec.models.dir}",
            "facerec.redis.host=127.0.0.1",
            "facerec.webhooks.allowed-hosts=127.0.0.1",
            "facerec.webhooks.connect-timeout=1s",
            "facerec.webhooks.request-timeout=1s",
            "facerec.webhooks.backoff-base=200ms",
            "facerec.webhooks.backoff-cap=400ms",
            "facerec.webhooks.max-attempts=5",
            "facerec.webhooks.disable-after=3",
            "facerec.webhooks.poll-interval=100ms"
        })
class WebhookEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "whsec_receiver_test_secret_42";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    /** What the receiver got on one path. */
    record Received(Map<String, String> headers, String body, boolean signatureValid) {}

    private static HttpServer receiver;
    private static final Map<String, BlockingQueue<Received>> RECEIVED = new ConcurrentHashMap<>();
    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/ok", exchange -> answer(exchange, 204, Duration.ZERO));
        receiver.createContext(
                "/flaky", exchange -> answer(exchange, FLAKY_CALLS.getAndIncrement() == 0 ? 500 : 200, Duration.ZERO));
        receiver.createContext("/slow", exchange -> answer(exchange, 200, Duration.ofSeconds(5)));
        receiver.createContext("/down", exchange -> answer(exchange, 503, Duration.ZERO));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, Duration delay) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        Map<String, String> headers = Map.of(
                "event", String.valueOf(exchange.getRequestHeaders().getFirst("X-Facerec-Event")),
                "delivery", String.valueOf(exchange.getRequestHeaders().getFirst("X-Facerec-Delivery")),
                "signature", String.valueOf(exchange.getRequestHeaders().getFirst("X-Facerec-Signature")));
        RECEIVED.computeIfAbsent(exchange.getHttpContext().getPath(), path -> new LinkedBlockingQueue<>())
                .add(new Received(headers, body, verifies(headers.get("signature"), body)));
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The receiver's check, written as docs/webhooks.md tells integrators, without the service's code. */
    private static boolean verifies(String header, String body) {
        try {
            Map<String, String> parts = new ConcurrentHashMap<>();
            for (String part : header.split(",")) {
                String[] pair = part.split("=", 2);
                parts.put(pair[0], pair[1]);
            }
            long t = Long.parseLong(parts.get("t"));
            if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + body).getBytes(UTF_8));
            return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void anEnrolmentIsDeliveredSignedWithIdsAndTheNameOnlyWhenAskedFor() throws Exception {
        String named = subscribe("/ok", "[\"person.enrolled\",\"identify.matched\"]", true);
        String gallery = created("/api/v1/galleries", "{\"name\":\"webhooks\"}");
        String person = created("/api/v1/persons", "{\"name\":\"Colin Powell\",\"galleryId\":\"" + gallery + "\"}");
        HttpResponse<String> face = http().send(http().multipart(
                        "/api/v1/persons/" + person + "/faces",
                        BodyPublishers::ofByteArray,
                        TestHttp.part("image", photo("Colin_Powell/Colin_Powell_0001.jpg"))));
        assertThat(face.statusCode()).as(face.body()).isEqualTo(201);
        String faceId = JSON.readTree(face.body()).path("id").asString();

        Received got = next("/ok");
        assertThat(got.signatureValid()).as(got.headers().toString()).isTrue();
        assertThat(got.headers()).containsEntry("event", "person.enrolled");
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.path("type").asString()).isEqualTo("person.enrolled");
        assertThat(body.path("data").path("galleryId").asString()).isEqualTo(gallery);
        assertThat(body.path("data").path("personId").asString()).isEqualTo(person);
        assertThat(body.path("data").path("faceIds").get(0).asString()).isEqualTo(faceId);
        assertThat(body.path("data").path("personName").asString()).isEqualTo("Colin Powell");
        assertThat(got.body()).doesNotContainIgnoringCase("embedding").doesNotContainIgnoringCase("image");

        HttpResponse<String> identified = http().send(http().multipart(
                        "/api/v1/identify",
                        BodyPublishers::ofByteArray,
                        TestHttp.part("image", photo("Colin_Powell/Colin_Powell_0002.jpg")),
                        ("--" + TestHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"galleryId\"\r\n\r\n"
                                        + gallery + "\r\n")
                                .getBytes(UTF_8)));
        assertThat(identified.statusCode()).as(identified.body()).isEqualTo(200);
        Received matched = next("/ok");
        assertThat(matched.signatureValid()).isTrue();
        assertThat(matched.headers()).containsEntry("event", "identify.matched");
        JsonNode match =
                JSON.readTree(matched.body()).path("data").path("matches").path(0);
        assertThat(match.path("personId").asString()).isEqualTo(person);
        assertThat(match.path("faceId").asString()).isEqualTo(faceId);
        assertThat(matched.body()).doesNotContain("similarity").doesNotContainIgnoringCase("embedding");
        awaitTrue(() -> firstAttempt(named).path("state").asString().equals("SUCCEEDED"));
        JsonNode logged = firstAttempt(named);
        assertThat(logged.path("statusCode").asInt()).isEqualTo(204);
        assertThat(logged.path("deliveryId").asString()).isEqualTo(got.headers().get("delivery"));
        assertThat(http().call("DELETE", "/api/v1/webhooks/" + named).statusCode())
                .isEqualTo(204);
    }

    @Test
    void aFailedAttemptIsRetriedWithTheSameDeliveryIdAndBothShowInTheLog() throws Exception {
        String id = subscribe("/flaky", "[\"job.finished\"]", false);
        ping(id);
        Received first = next("/flaky");
        Received second = next("/flaky");
        assertThat(second.headers().get("delivery")).isEqualTo(first.headers().get("delivery"));
        assertThat(second.signatureValid()).isTrue();
        awaitTrue(() -> {
            JsonNode log = deliveries(id);
            return log.size() == 2 && log.path(0).path("state").asString().equals("SUCCEEDED");
        });
        JsonNode log = deliveries(id);
        assertThat(log.path(0).path("attempt").asInt()).isEqualTo(2);
        assertThat(log.path(0).path("statusCode").asInt()).isEqualTo(200);
        assertThat(log.path(1).path("attempt").asInt()).isEqualTo(1);
        assertThat(log.path(1).path("state").asString()).isEqualTo("FAILED");
        assertThat(log.path(1).path("statusCode").asInt()).isEqualTo(500);
        assertThat(log.path(1).path("nextAttemptAt").isNull()).isFalse();
        assertThat(get("/api/v1/webhooks/" + id).path("consecutiveFailures").asInt())
                .isZero();
    }

    @Test
    void aSlowReceiverTimesOutWhileTheServiceKeepsAnswering() throws Exception {
        String id = subscribe("/slow", "[\"person.erased\"]", false);
        ping(id);
        next("/slow");
        long started = System.nanoTime();
        HttpResponse<String> galleries = http().getText("/api/v1/galleries");
        assertThat(galleries.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        awaitTrue(() -> firstAttempt(id).path("state").asString().equals("FAILED"));
        JsonNode first = firstAttempt(id);
        assertThat(first.path("error").asString()).as(first.toString()).contains("timed out");
        assertThat(first.path("statusCode").isNull()).isTrue();
        assertThat(first.path("latencyMillis").asLong()).isBetween(900L, 4000L);
        http().call("DELETE", "/api/v1/webhooks/" + id);
    }

    @Test
    void aReceiverThatKeepsFailingIsDisabledCountedAndCanBeEnabledAgain() throws Exception {
        double before = disabledTotal();
        String id = subscribe("/down", "[\"identify.matched\"]", false);
        ping(id);
        awaitTrue(() -> !get("/api/v1/webhooks/" + id).path("enabled").asBoolean());
        JsonNode disabled = get("/api/v1/webhooks/" + id);
        assertThat(disabled.path("consecutiveFailures").asInt()).isEqualTo(3);
        assertThat(disabled.path("disabledAt").isNull()).isFalse();
        assertThat(RECEIVED.get("/down")).hasSize(3); // no fourth attempt once disabled
        assertThat(disabledTotal()).isEqualTo(before + 1);
        assertThat(registry.get("facerec.webhook.subscriptions.disabled")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1);
        assertThat(http().call("POST", "/api/v1/webhooks/" + id + "/test").statusCode())
                .isEqualTo(409);

        HttpResponse<String> enabled = http().call("POST", "/api/v1/webhooks/" + id + "/enable");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(JSON.readTree(enabled.body()).path("enabled").asBoolean()).isTrue();
        assertThat(JSON.readTree(enabled.body()).path("consecutiveFailures").asInt())
                .isZero();
        http().call("DELETE", "/api/v1/webhooks/" + id);
    }

    @Test
    void addressesOutsideTheAllowListAreRefusedWithAProblem() throws Exception {
        for (String url : List.of(
                "http://127.0.0.2:" + receiver.getAddress().getPort() + "/ok",
                "http://[::1]/hook",
                "http://10.0.0.1/hook",
                "http://192.168.1.10/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::ffff:169.254.169.254]/",
                "http://0177.0.0.1/hook")) {
            HttpResponse<String> refused =
                    http().postJson("/api/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"person.enrolled\"]}");
            assertThat(refused.statusCode()).as(url + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(refused.body()).path("code").asString()).isEqualTo("INVALID_REQUEST");
        }
        HttpResponse<String> unknown =
                http().postJson("/api/v1/webhooks", "{\"url\":\"" + url("/ok") + "\",\"events\":[\"face.stolen\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void theSecretIsShownOnceAndOnlyAdministratorsManageWebhooks() throws Exception {
        HttpResponse<String> created =
                http().postJson("/api/v1/webhooks", "{\"url\":\"" + url("/ok") + "\",\"events\":[\"person.erased\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        String generated = body.path("secret").asString();
        assertThat(generated).startsWith("whsec_").hasSizeGreaterThan(40);
        String id = body.path("webhook").path("id").asString();
        assertThat(http().getText("/api/v1/webhooks/" + id).body()).doesNotContain(generated);
        assertThat(http().getText("/api/v1/webhooks").body()).doesNotContain(generated);
        assertThat(TestHttp.anonymous(port).getText("/api/v1/webhooks").statusCode())
                .isEqualTo(401);
        http().call("DELETE", "/api/v1/webhooks/" + id);
    }

    private double disabledTotal() {
        var counter = registry.find("facerec.webhook.disabled").counter();
        return counter == null ? 0 : counter.count();
    }

    private String subscribe(String path, String events, boolean includeNames) throws Exception {
        HttpResponse<String> created = http().postJson(
                        "/api/v1/webhooks",
                        "{\"url\":\"" + url(path) + "\",\"events\":" + events + ",\"secret\":\"" + SECRET
                                + "\",\"includeNames\":" + includeNames + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains(SECRET);
        return JSON.readTree(created.body()).path("webhook").path("id").asString();
    }

    private void ping(String id) throws Exception {
        HttpResponse<String> ping = http().call("POST", "/api/v1/webhooks/" + id + "/test");
        assertThat(ping.statusCode()).as(ping.body()).isEqualTo(202);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static Received next(String path) throws InterruptedException {
        Received received = RECEIVED.computeIfAbsent(path, key -> new LinkedBlockingQueue<>())
                .poll(20, TimeUnit.SECONDS);
        assertThat(received).as("a delivery to " + path).isNotNull();
        return received;
    }

    /** The oldest entry of the log (read once: retries may add entries between two reads). */
    private JsonNode firstAttempt(String id) {
        JsonNode log = deliveries(id);
        return log.path(log.size() - 1);
    }

    private JsonNode deliveries(String id) {
        return get("/api/v1/webhooks/" + id + "/deliveries");
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http().getText(path);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private TestHttp http() {
        return new TestHttp(port);
    }

    private String created(String path, String json) throws Exception {
        HttpResponse<String> created = http().postJson(path, json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images/" + relative));
    }
}
