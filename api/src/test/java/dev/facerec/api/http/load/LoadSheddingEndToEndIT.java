package dev.facerec.api.http.load;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real service with the real models under a burst of large uploads: single-colour photos of tens of megapixels,
 * a few hundred kilobytes each, which cost seconds of decoding and hundreds of megabytes of pixels, and noisy photos
 * of several megabytes, which cost time to receive as well. The decode budget
 * is set to two of them at a time and a short wait, so the burst is partly shed. Meanwhile every probe, on the API
 * port and on the management port, must answer within a second; afterwards the service answers as before and the
 * budget is empty. Also the JSON body limits, over a raw socket where the client must not send the whole body.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "facerec.ml.models-dir=${facerec.models.dir}",
            "facerec.load.decode-memory-budget=" + LoadSheddingEndToEndIT.BUDGET,
            "facerec.load.decode-memory-wait=300ms",
            "facerec.request-timeout=" + LoadSheddingEndToEndIT.REQUEST_TIMEOUT_SECONDS + "s"
        })
class LoadSheddingEndToEndIT {
    /** Two 30-megapixel images at 10 bytes a pixel, not three. */
    static final String BUDGET = "650MB";

    static final int REQUEST_TIMEOUT_SECONDS = 10;
    private static final int CLIENTS = 12;
    private static final Duration LOAD = Duration.ofSeconds(4);
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(1);
    private static final List<String> API_PROBES = List.of("/health/ready", "/health/live", "/health");
    private static final List<String> MANAGEMENT_PROBES =
            List.of("/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health");

    @TempDir
    static Path dataDir;

    private static byte[] largePng;
    private static byte[] largeJpeg;
    private static byte[] heavyJpeg;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient probeClient =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void largeSingleColourImages() throws IOException {
        largePng = singleColour(6000, 5000, "png");
        largeJpeg = singleColour(6000, 4000, "jpeg");
        heavyJpeg = noise(4500, 3000);
    }

    @Test
    void aBurstOfLargeUploadsIsShedWhileEveryProbeKeepsAnswering() throws Exception {
        TestHttp http = new TestHttp(port);
        assertThat(http.getText("/health/ready").statusCode()).isEqualTo(200);
        http.postImage("/api/v1/faces/detect", face()); // signs in before the burst

        AtomicBoolean loading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
        Thread prober = Thread.ofPlatform().name("prober").start(() -> probeUntil(loading, probes));
        List<Upload> uploads = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + LOAD.toNanos();
        try {
            List<Future<List<Upload>>> sent = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                byte[] image = switch (i % 3) {
                    case 0 -> largePng;
                    case 1 -> largeJpeg;
                    default -> heavyJpeg;
                };
                sent.add(clients.submit(() -> uploadUntil(end, http, image)));
            }
            for (Future<List<Upload>> client : sent) {
                uploads.addAll(client.get(LOAD.toSeconds() + REQUEST_TIMEOUT_SECONDS + 30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
            loading.set(false);
            prober.join(10_000);
        }

        System.out.printf(
                "Load test: %d uploads, %d served, %d shed, slowest %d ms; %d probes, slowest %d ms%n",
                uploads.size(),
                uploads.stream().filter(upload -> upload.status() == 200).count(),
                uploads.stream().filter(upload -> upload.status() == 503).count(),
                uploads.stream()
                        .mapToLong(upload -> upload.took().toMillis())
                        .max()
                        .orElse(0),
                probes.size(),
                probes.stream()
                        .mapToLong(probe -> probe.took().toMillis())
                        .max()
                        .orElse(0));
        assertThat(probes).as("probes during the burst").hasSizeGreaterThanOrEqualTo(API_PROBES.size());
        assertThat(probes)
                .as("every probe answers 200 within %s while the uploads run", PROBE_LIMIT)
                .allSatisfy(probe -> {
                    assertThat(probe.status()).as(probe.url()).isEqualTo(200);
                    assertThat(probe.took()).as(probe.url()).isLessThan(PROBE_LIMIT);
                });
        assertThat(uploads)
                .as("every upload is answered, and before the request timeout")
                .allSatisfy(upload -> {
                    assertThat(upload.status()).as(upload.body()).isIn(200, 503);
                    assertThat(upload.took()).isLessThan(Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS + 2));
                });
        assertThat(uploads).as("some are served").anyMatch(upload -> upload.status() == 200);
        List<Upload> shed =
                uploads.stream().filter(upload -> upload.status() == 503).toList();
        assertThat(shed).as("the rest are shed").isNotEmpty().allSatisfy(upload -> {
            assertThat(upload.retryAfter()).isEqualTo("1");
            assertThat(upload.contentType()).isEqualTo("application/problem+json");
            assertThat(upload.body()).containsAnyOf("\"code\":\"UNAVAILABLE\"", "\"code\":\"REQUEST_TIMEOUT\"");
        });

        HttpResponse<String> after = http.postImage("/api/v1/faces/detect", face());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("\"landmarks\"");
        assertThat(settledMetric("facerec_decode_memory_in_use_bytes"))
                .as("the budget is empty again")
                .isEqualTo("0.0");
        assertThat(settledMetric("facerec_requests_computing"))
                .as("no request counts as computing any more, so jobs do not wait for one")
                .isEqualTo("0.0");
    }

    @Test
    void anOversizedSignInBodyIsRefusedBeforeItIsSent() throws Exception {
        // 28 MB announced, 64 KB sent: the answer can only come from the declared length.
        String head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 28000000\r\nConnection: close\r\n\r\n";
        long started = System.nanoTime();
        String response;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(US_ASCII));
            socket.getOutputStream()
                    .write(("{\"username\":\"admin\",\"password\":\"" + "x".repeat(64 * 1024)).getBytes(US_ASCII));
            socket.getOutputStream().flush();
            response = readProblem(socket.getInputStream());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).contains("\"code\":\"BODY_TOO_LARGE\"", "\"maxBytes\":4096");
    }

    @Test
    void anOversizedJsonBodyWithoutALengthIsRefusedOnceItPassesTheLimit() throws Exception {
        byte[] signIn = ("{\"username\":\"admin\",\"password\":\"" + "x".repeat(8 * 1024) + "\"}").getBytes(UTF_8);
        HttpResponse<String> refused = probeClient.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/login"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(signIn)))
                        .build(),
                BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"code\":\"BODY_TOO_LARGE\"");

        TestHttp http = new TestHttp(port);
        String largeName = "{\"name\":\"" + "x".repeat(100 * 1024) + "\"}";
        assertThat(http.postJson("/api/v1/galleries", largeName).statusCode()).isEqualTo(413);
        assertThat(http.postJson("/api/v1/galleries", "{\"name\":\"small enough\"}")
                        .statusCode())
                .isEqualTo(201);
    }

    /** Uploads {@code image} one after the other until {@code end}, as one client that retries at once. */
    private List<Upload> uploadUntil(long end, TestHttp http, byte[] image) throws IOException, InterruptedException {
        List<Upload> uploads = new ArrayList<>();
        do {
            uploads.add(upload(http, image));
        } while (System.nanoTime() < end);
        return uploads;
    }

    private Upload upload(TestHttp http, byte[] image) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = http.postImage("/api/v1/faces/detect", image);
        return new Upload(
                response.statusCode(),
                Duration.ofNanos(System.nanoTime() - started),
                response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }

    private void probeUntil(AtomicBoolean loading, ConcurrentLinkedQueue<Probe> probes) {
        while (loading.get()) {
            for (String path : API_PROBES) {
                probes.add(probe("http://localhost:" + port + path));
            }
            for (String path : MANAGEMENT_PROBES) {
                probes.add(probe("http://localhost:" + managementPort + path));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Probe probe(String url) {
        long started = System.nanoTime();
        int status;
        try {
            status = probeClient
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            status = -1;
        }
        return new Probe(url, status, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The metric's value once it is 0, or its last value after 5 s. */
    private String settledMetric(String name) throws Exception {
        String value = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            String metrics = TestHttp.anonymous(managementPort)
                    .getText("/actuator/prometheus")
                    .body();
            value = metrics.lines()
                    .filter(line -> line.startsWith(name + " "))
                    .map(line -> line.substring(line.indexOf(' ') + 1))
                    .findFirst()
                    .orElse("missing");
            if (value.equals("0.0")) {
                break;
            }
            Thread.sleep(100);
        }
        return value;
    }

    private static byte[] singleColour(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(new Color(200, 120, 40));
            graphics.fillRect(0, 0, width, height);
        } finally {
            graphics.dispose();
        }
        var bytes = new ByteArrayOutputStream();
        ImageIO.write(image, format, bytes);
        return bytes.toByteArray();
    }

    /** A photo-sized JPEG that is costly to receive, too: noise compresses badly (about 8 MB). */
    private static byte[] noise(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        new Random(19).nextBytes(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        var bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", bytes);
        return bytes.toByteArray();
    }

    private static String readProblem(InputStream in) throws IOException {
        var received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int read; (read = in.read(buffer)) != -1; ) {
                received.write(buffer, 0, read);
                if (received.toString(UTF_8).contains("\"requestId\"")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // Whatever arrived is judged by the assertions.
        }
        return received.toString(UTF_8);
    }

    private record Probe(String url, int status, Duration took) {}

    private record Upload(int status, Duration took, String retryAfter, String contentType, String body) {}

    /** A photo with one face, from the shared test data. */
    private static byte[] face() throws IOException {
        return Files.readAllBytes(
                Path.of(System.getProperty("facerec.data.dir")).resolve("detection/single-face/facerec_obama.jpg"));
    }
}
