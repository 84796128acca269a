package dev.facerec.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of deploy/haproxy/haproxy.cfg that the real replicas of HaTopologyIT cannot show on demand, against
 * stand-ins: api-1 passes its health checks but dies with every request in hand, api-2 and api-3 answer. HAProxy
 * must send reads, read-only POSTs and requests with an Idempotency-Key again to another replica, and must not
 * repeat other writes (the client gets 502 and decides); the actuator and /health/detailed stay internal.
 */
class HaproxyConfigIT {
    private static final int REQUESTS = 6;
    /**
     * A request HAProxy gave up on without an answer: when a replica closes the connection without a byte and the
     * request may not be repeated, HAProxy 2.6 closes the client's connection the same way (on a connection that
     * already carried requests) or answers 502.
     */
    private static final int NO_ANSWER = -1;

    @TempDir
    static Path work;

    private static final List<StandIn> standIns = new ArrayList<>();
    private static LoadBalancer balancer;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startHaproxyInFrontOfStandIns() throws Exception {
        standIns.add(new StandIn("api-1", true));
        standIns.add(new StandIn("api-2", false));
        standIns.add(new StandIn("api-3", false));
        balancer = LoadBalancer.start(work, standIns.stream().map(StandIn::port).toList());
    }

    @AfterAll
    static void stop() throws Exception {
        if (balancer != null) {
            balancer.stop();
        }
        for (StandIn standIn : standIns) {
            standIn.close();
        }
    }

    @Test
    void readsAndReadOnlyPostsAreRetriedOnAnotherReplica() throws Exception {
        for (String path : List.of("/api/v1/identify", "/api/v1/faces/detect", "/api/v1/persons/42/verify")) {
            assertThat(statuses("POST", path, null)).as("POST %s", path).containsOnly(200);
            assertThat(dropped("POST", path))
                    .as("POST %s reached the dying api-1", path)
                    .isPositive();
        }
        assertThat(statuses("GET", "/api/v1/persons", null)).containsOnly(200);
        assertThat(dropped("GET", "/api/v1/persons")).isPositive();
    }

    @Test
    void writesWithAnIdempotencyKeyAreRetried() throws Exception {
        assertThat(statuses("POST", "/api/v1/galleries", UUID.randomUUID().toString()))
                .containsOnly(200);
        assertThat(dropped("POST", "/api/v1/galleries")).isPositive();
    }

    @Test
    void writesWithoutAnIdempotencyKeyAreNotRepeated() throws Exception {
        assertNotRepeated("/api/v1/persons", null);
    }

    /** API keys, registration and the like ignore the header, so a key there must not make HAProxy repeat them. */
    @Test
    void aKeyOnARouteThatIgnoresItDoesNotMakeAWriteRepeat() throws Exception {
        assertNotRepeated("/api/v1/api-keys", UUID.randomUUID().toString());
    }

    private void assertNotRepeated(String path, String idempotencyKey) throws Exception {
        List<Integer> statuses = statuses("POST", path, idempotencyKey);

        long failed = statuses.stream()
                .filter(status -> status == 502 || status == NO_ANSWER)
                .count();
        long answered = statuses.stream().filter(status -> status == 200).count();
        assertThat(failed + answered).as("statuses %s", statuses).isEqualTo(REQUESTS);
        assertThat(failed)
                .as("failures: each request api-1 took and dropped, none sent on (statuses %s)", statuses)
                .isEqualTo(dropped("POST", path))
                .isPositive();
        long reachedTheOthers = Stream.of(standIns.get(1), standIns.get(2))
                .flatMap(standIn -> standIn.requests().stream())
                .filter(request ->
                        request.method().equals("POST") && request.path().equals(path))
                .count();
        assertThat(reachedTheOthers)
                .as("each write reached exactly one replica")
                .isEqualTo(answered);
    }

    @Test
    void theActuatorAndTheDetailedHealthStayInternal() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/health/detailed", "/metrics", "/console")) {
            HttpResponse<String> response = send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(standIns.stream().flatMap(standIn -> standIn.requests().stream()))
                    .noneMatch(request -> request.path().equals(path));
        }
        // The console and the API description are routed like the API.
        for (String path : List.of("/", "/console/app/main.js", "/v3/api-docs", "/swagger-ui/index.html")) {
            send("GET", path, null);
            assertThat(standIns.stream().flatMap(standIn -> standIn.requests().stream()))
                    .as(path)
                    .anyMatch(request -> request.path().equals(path));
        }
        HttpResponse<String> ready = send("GET", "/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theTlsVariantIsAcceptedAndAMissingCertificateRefused() throws Exception {
        Path pem = work.resolve("tls.pem");
        Scripts.assertExit(
                LoadBalancer.command(
                        Map.of(),
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost",
                        "-keyout",
                        pem.toString(),
                        "-out",
                        work.resolve("tls.crt").toString()),
                0);
        Files.writeString(pem, Files.readString(work.resolve("tls.crt")), StandardOpenOption.APPEND);

        Scripts.Result check = LoadBalancer.check(Map.of(
                "FACEREC_LB_TLS_CERT",
                pem.toString(),
                "FACEREC_LB_STATS_SOCKET",
                work.resolve("tls.sock").toString()));
        Scripts.assertExit(check, 0);
        Scripts.Result missing = LoadBalancer.check(Map.of(
                "FACEREC_LB_TLS_CERT",
                work.resolve("absent.pem").toString(),
                "FACEREC_LB_STATS_SOCKET",
                work.resolve("tls.sock").toString()));
        assertThat(missing.exitCode()).as("a missing certificate is refused").isNotZero();
    }

    private static List<Integer> statuses(String method, String path, String idempotencyKey) throws Exception {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < REQUESTS; i++) {
            try {
                statuses.add(send(method, path, idempotencyKey == null ? null : idempotencyKey + "-" + i)
                        .statusCode());
            } catch (java.io.IOException closedWithoutAnswer) {
                statuses.add(NO_ANSWER);
            }
        }
        return statuses;
    }

    private static long dropped(String method, String path) {
        return standIns.getFirst().requests().stream()
                .filter(request ->
                        request.method().equals(method) && request.path().equals(path))
                .count();
    }

    private static HttpResponse<String> send(String method, String path, String idempotencyKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer.port + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"));
        if (!method.equals("GET")) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }
}
