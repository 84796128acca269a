package dev.facerec.tools.bench.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmarks' HTTP client for the service they started, with a timeout on every call. The benchmarks drive the
 * service as any client does, so they keep their own client rather than reach into the api's test classes. Signed in,
 * it sends the token of the first administrator, whose password {@link ServiceUnderTest} gives the service.
 */
public final class ServiceClient {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "Correct-Horse-Battery-42";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String BOUNDARY = "facerec-bench-boundary";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final boolean administrator;
    private final String apiKey;
    private String token;

    private ServiceClient(int port, boolean administrator, String apiKey) {
        this.port = port;
        this.administrator = administrator;
        this.apiKey = apiKey;
    }

    /** Signed in as the first administrator on the first request. */
    static ServiceClient administrator(int port) {
        return new ServiceClient(port, true, null);
    }

    /** Without credentials: health and metrics. */
    static ServiceClient anonymous(int port) {
        return new ServiceClient(port, false, null);
    }

    /** A client of the same service that sends {@code key} in {@code x-api-key}, as CompreFace's clients do. */
    ServiceClient withApiKey(String key) {
        return new ServiceClient(port, false, key);
    }

    public HttpResponse<String> getText(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)));
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    /** A multipart form with {@code image} and text fields (name, value, name, value, ...). */
    public HttpResponse<String> postImage(String path, byte[] image, String... fields)
            throws IOException, InterruptedException {
        return postImage(TIMEOUT, path, image, fields);
    }

    /** {@link #postImage(String, byte[], String...)} waiting up to {@code timeout}: a service under load is slower. */
    HttpResponse<String> postImage(Duration timeout, String path, byte[] image, String... fields)
            throws IOException, InterruptedException {
        return postFile(timeout, path, "image", image, fields);
    }

    /** A multipart form with the photo in the part {@code part} (CompreFace's {@code file}) and text fields. */
    HttpResponse<String> postFile(Duration timeout, String path, String part, byte[] image, String... fields)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(BodyPublishers.ofByteArray(form(part, image, fields))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (administrator) {
            request.header("Authorization", "Bearer " + token());
        }
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null) {
            String credentials = "{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}";
            HttpResponse<String> answer = anonymous(port).postJson("/api/v1/auth/login", credentials);
            Matcher accessToken = ACCESS_TOKEN.matcher(answer.body());
            if (answer.statusCode() != 200 || !accessToken.find()) {
                throw new IllegalStateException("sign-in failed: HTTP " + answer.statusCode() + " " + answer.body());
            }
            token = accessToken.group(1);
        }
        return token;
    }

    private static byte[] form(String part, byte[] image, String... fields) {
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part
                        + "\"; filename=\"image.jpg\""
                        + "\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(UTF_8));
        body.writeBytes(image);
        body.writeBytes("\r\n".getBytes(UTF_8));
        for (int i = 0; i < fields.length; i += 2) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                            + fields[i + 1] + "\r\n")
                    .getBytes(UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(UTF_8));
        return body.toByteArray();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
