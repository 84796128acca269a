package dev.facerec.api.compat;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.facerec.api.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request exactly as one client writes it (request line, headers in its order, body, chunked or not), sent over a
 * plain socket, so that the server sees the client's bytes and not what a Java HTTP client would make of them.
 */
final class Wire {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String method;
    private final String target;
    private final List<String> headers = new ArrayList<>();
    private byte[] body;
    private boolean chunked;

    private Wire(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** {@code method target} with no headers yet; {@code target} is sent as given (no encoding). */
    static Wire request(String method, String target) {
        return new Wire(method, target);
    }

    Wire header(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    /** A body with its Content-Length. */
    Wire body(byte[] bytes) {
        this.body = bytes;
        this.chunked = false;
        return this;
    }

    Wire body(String text) {
        return body(text.getBytes(UTF_8));
    }

    /** A body sent with Transfer-Encoding: chunked, as Node streams it when no length is known. */
    Wire chunked(byte[] bytes) {
        this.body = bytes;
        this.chunked = true;
        return this;
    }

    /** What the server answered. */
    record Answer(int status, String contentType, String text, String request) {
        /** The body as JSON; an assertion error naming the request when it is not JSON. */
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (RuntimeException notJson) {
                throw new AssertionError("not JSON (" + status + ") for " + request + ": " + text, notJson);
            }
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + (text.length() > 800 ? text.substring(0, 800) + "..." : text);
        }
    }

    Answer send(int port) throws IOException {
        var out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        head.append("Host: localhost:").append(port).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body != null && chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        // One request per connection, so that the answer ends when the server closes.
        head.append("Connection: close\r\n\r\n");
        out.writeBytes(head.toString().getBytes(ISO_8859_1));
        if (body != null && chunked) {
            for (int at = 0; at < body.length; at += 8192) {
                int size = Math.min(8192, body.length - at);
                out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(ISO_8859_1));
                out.write(body, at, size);
                out.writeBytes("\r\n".getBytes(ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(ISO_8859_1));
        } else if (body != null) {
            out.writeBytes(body);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5_000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(out.toByteArray());
            socket.getOutputStream().flush();
            RawHttp.Response response = new RawHttp.Response(readAll(socket.getInputStream()));
            String text = new String(response.body().getBytes(ISO_8859_1), UTF_8);
            return new Answer(
                    response.status(), response.header("Content-Type").orElse(""), text, method + " " + target);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        var received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) != -1; ) {
                received.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // Judge what arrived.
        }
        return received.toString(ISO_8859_1);
    }

    /** A multipart/form-data body as one client lays it out. */
    static final class Multipart {
        private final String boundary;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Multipart(String boundary) {
            this.boundary = boundary;
        }

        /** A file part; {@code contentType} null leaves the part's Content-Type out (as Python's SDK does). */
        Multipart file(String name, String filename, String contentType, byte[] content) {
            StringBuilder head = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"" + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            body.writeBytes(head.append("\r\n").toString().getBytes(UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(UTF_8));
            return this;
        }

        Multipart field(String name, String value) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                            + value + "\r\n")
                    .getBytes(UTF_8));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            var all = new ByteArrayOutputStream();
            all.writeBytes(body.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(UTF_8));
            return all.toByteArray();
        }
    }
}
