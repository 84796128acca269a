package dev.facerec.api.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The start-up notification against a real local HTTP server, a closed port and a server that never answers. */
@ExtendWith(OutputCaptureExtension.class)
class StartupWebhookTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsTheJsonToTheReceiver() throws IOException {
        AtomicReference<String> received = new AtomicReference<>();
        server = server(200, received, null);

        boolean sent =
                new StartupWebhook(url("/hook/secret-token"), Duration.ofSeconds(5)).send("{\"status\":\"ready\"}");

        assertThat(sent).isTrue();
        assertThat(received.get()).isEqualTo("POST application/json {\"status\":\"ready\"}");
    }

    @Test
    void aRefusedConnectionIsAWarningNotAnException(CapturedOutput output) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        boolean sent = new StartupWebhook(
                        URI.create("http://127.0.0.1:" + closed + "/hook/secret-token"), Duration.ofSeconds(5))
                .send("{}");

        assertThat(sent).isFalse();
        assertThat(output).contains("WARN", "Start-up notification to http://127.0.0.1:" + closed + " failed");
        assertThat(output).doesNotContain("secret-token");
    }

    @Test
    void anErrorAnswerIsAWarning(CapturedOutput output) throws IOException {
        server = server(500, new AtomicReference<>(), null);

        assertThat(new StartupWebhook(url("/hook"), Duration.ofSeconds(5)).send("{}"))
                .isFalse();
        assertThat(output).contains("answered HTTP 500");
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut(CapturedOutput output) throws IOException {
        CountDownLatch never = new CountDownLatch(1);
        server = server(200, new AtomicReference<>(), never);
        long started = System.nanoTime();

        boolean sent = new StartupWebhook(url("/hook"), Duration.ofMillis(500)).send("{}");

        never.countDown();
        assertThat(sent).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(output).contains("HttpTimeoutException");
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static HttpServer server(int status, AtomicReference<String> received, CountDownLatch hold)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            received.set(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (hold != null) {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
