package dev.facerec.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.Function;

/** A plain JDK HTTP client for tests that go through the real server, with timeouts on every call. */
public final class TestHttp {
    static final String BOUNDARY = "facerec-test-boundary";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public TestHttp(int port) {
        this.port = port;
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofByteArray());
    }

    /** GET {@code path} and the body as text, with a 10 s timeout. */
    public HttpResponse<String> getText(String path) throws IOException, InterruptedException {
        return send(get(path));
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build();
    }

    HttpRequest multipart(String path, Function<byte[], BodyPublisher> publisher, byte[]... parts) {
        var body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(UTF_8));
        return HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(publisher.apply(body.toByteArray()))
                .build();
    }

    static byte[] part(String field, byte[] content) {
        return part(field, field + ".jpg", content);
    }

    static byte[] part(String field, String filename, byte[] content) {
        var part = new ByteArrayOutputStream();
        part.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(UTF_8));
        part.writeBytes(content);
        part.writeBytes("\r\n".getBytes(UTF_8));
        return part.toByteArray();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
