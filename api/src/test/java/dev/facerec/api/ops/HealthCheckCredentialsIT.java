package dev.facerec.api.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * health_check.sh against a stand-in for the service with authentication: the probes answer anyone, the other
 * endpoints want {@code X-API-Key}. A refusal must read as "credentials", not as an outage, and the key must
 * reach only the endpoints that need it and never the script's output.
 */
class HealthCheckCredentialsIT {
    private static final String KEY = "k3y-only-for-this-test-7f3a";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final Queue<String> keysSeen = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/metrics/prometheus", exchange -> guarded(exchange, "# TYPE up gauge\nup 1\n"));
        server.createContext("/upload/supported-formats", exchange -> guarded(exchange, "{\"formats\":[]}"));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopStandIn() {
        server.stop(0);
    }

    @Test
    void withoutAKeyTheRefusalSaysCredentialsRequired() throws Exception {
        Scripts.Result result = healthCheck(Map.of());

        Scripts.assertExit(result, 3);
        assertThat(result.output())
                .contains("OK    /health", "credentials required (set API_KEY)", "CREDENTIALS REQUIRED OR REFUSED")
                .doesNotContain("service down", "UNHEALTHY");
    }

    @Test
    void aWrongKeyIsReportedAsRefused() throws Exception {
        Scripts.Result result = healthCheck(Map.of("API_KEY", "not-the-key"));

        Scripts.assertExit(result, 3);
        assertThat(result.output()).contains("credentials refused").doesNotContain("not-the-key");
    }

    @Test
    void theKeyGoesOnlyToTheGuardedEndpointsAndNeverIntoTheOutput() throws Exception {
        Scripts.Result result = healthCheck(Map.of("API_KEY", KEY));

        Scripts.assertExit(result, 0);
        assertThat(result.output()).contains("3 passed", "HEALTHY").doesNotContain(KEY);
        assertThat(keysSeen)
                .containsExactly("/health:none", "/metrics/prometheus:" + KEY, "/upload/supported-formats:" + KEY);
    }

    private Scripts.Result healthCheck(Map<String, String> environment) throws Exception {
        var settings = new java.util.HashMap<>(environment);
        settings.put("MAX_RETRIES", "1");
        return Scripts.run(settings, LIMIT, "health_check.sh", url);
    }

    private void guarded(HttpExchange exchange, String body) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("X-API-Key");
        if (KEY.equals(key)) {
            answer(exchange, 200, body);
        } else {
            answer(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}");
        }
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("X-API-Key");
        keysSeen.add(exchange.getRequestURI().getPath() + ":" + (key == null ? "none" : key));
        byte[] bytes = body.getBytes(UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
