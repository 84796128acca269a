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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain JDK HTTP client for tests that go through the real server, with timeouts on every call. By default it signs
 * in as the first administrator of the test configuration ({@code config/application.properties}) and sends that
 * token with every request; {@link #anonymous} sends none, {@link #withHeader} other credentials.
 */
public final class TestHttp {
    public static final String BOUNDARY = "facerec-test-boundary";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "Correct-Horse-Battery-42";
    private static final Map<Integer, String> ADMIN_TOKENS = new ConcurrentHashMap<>();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String headerName;
    private final String headerValue;
    private final boolean admin;

    /** Signed in as the test administrator. */
    public TestHttp(int port) {
        this(port, null, null, true);
    }

    private TestHttp(int port, String headerName, String headerValue, boolean admin) {
        this.port = port;
        this.headerName = headerName;
        this.headerValue = headerValue;
        this.admin = admin;
    }

    /** Without any credentials. */
    public static TestHttp anonymous(int port) {
        return new TestHttp(port, null, null, false);
    }

    /** With {@code name: value} on every request instead of the administrator's token. */
    public static TestHttp withHeader(int port, String name, String value) {
        return new TestHttp(port, name, value, false);
    }

    /** With {@code Authorization: Bearer token}. */
    public static TestHttp withToken(int port, String token) {
        return withHeader(port, "Authorization", "Bearer " + token);
    }

    /** Signs in with a user name and password; the access token, or an assertion error with the response. */
    public static String signIn(int port, String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = anonymous(port)
                .postJson(
                        "/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new AssertionError(
                    "sign-in of " + username + " failed: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorised(request), BodyHandlers.ofString());
        if (response.statusCode() == 401 && admin && ADMIN_TOKENS.remove(port) != null) {
            // A token of an earlier server on the same port: sign in again, once.
            response = http.send(authorised(request), BodyHandlers.ofString());
        }
        return response;
    }

    /** POST {@code json} to {@code path}. */
    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** {@code method} on {@code path} without a body. */
    public HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private HttpRequest authorised(HttpRequest request) throws IOException, InterruptedException {
        if (headerName != null) {
            return HttpRequest.newBuilder(request, (name, value) -> true)
                    .header(headerName, headerValue)
                    .build();
        }
        if (!admin || request.headers().firstValue("Authorization").isPresent()) {
            return request;
        }
        String token = ADMIN_TOKENS.get(port);
        if (token == null) {
            token = signIn(port, ADMIN, ADMIN_PASSWORD);
            ADMIN_TOKENS.put(port, token);
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + token)
                .build();
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
        return http.send(authorised(request), BodyHandlers.ofByteArray());
    }

    /** GET {@code path} and the body as text, with a 10 s timeout. */
    public HttpResponse<String> getText(String path) throws IOException, InterruptedException {
        return send(get(path));
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build();
    }

    public HttpRequest multipart(String path, Function<byte[], BodyPublisher> publisher, byte[]... parts) {
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

    /** POST a multipart form with {@code image} and text fields (name, value, name, value, ...). */
    public HttpResponse<String> postImage(String path, byte[] image, String... fields)
            throws IOException, InterruptedException {
        return send(imageForm(path, image, fields));
    }

    private HttpRequest imageForm(String path, byte[] image, String... fields) {
        byte[][] parts = new byte[1 + fields.length / 2][];
        parts[0] = part("image", image);
        for (int i = 0; i < fields.length; i += 2) {
            parts[1 + i / 2] = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields[i]
                            + "\"\r\n\r\n" + fields[i + 1] + "\r\n")
                    .getBytes(UTF_8);
        }
        return multipart(path, HttpRequest.BodyPublishers::ofByteArray, parts);
    }

    static byte[] part(String field, byte[] content) {
        return part(field, field + ".jpg", content);
    }

    /** A text field of a multipart form, for {@link #multipart}. */
    public static byte[] field(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(UTF_8);
    }

    public static byte[] part(String field, String filename, byte[] content) {
        var part = new ByteArrayOutputStream();
        part.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(UTF_8));
        part.writeBytes(content);
        part.writeBytes("\r\n".getBytes(UTF_8));
        return part.toByteArray();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
