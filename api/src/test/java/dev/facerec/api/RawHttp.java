package dev.facerec.api;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends bytes no HTTP client would send (a malformed request line, header or path) over a plain socket and reads what
 * comes back, for tests of what the server answers to requests it cannot parse.
 */
public final class RawHttp {
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");

    private RawHttp() {}

    /** What came back: the whole response as text (ISO-8859-1, byte for byte). */
    public record Response(String text) {
        /** The status code, or -1 when nothing parseable came back. */
        public int status() {
            Matcher status = STATUS.matcher(text);
            return status.find() ? Integer.parseInt(status.group(1)) : -1;
        }

        /** The value of the first header named {@code name} (any case). */
        public Optional<String> header(String name) {
            String head = text.split("\r\n\r\n", 2)[0];
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return Optional.of(line.substring(prefix.length()).trim());
                }
            }
            return Optional.empty();
        }

        /** The body; a chunked one with its chunk sizes removed. */
        public String body() {
            String[] parts = text.split("\r\n\r\n", 2);
            if (parts.length < 2) {
                return "";
            }
            if (!header("Transfer-Encoding").orElse("").equalsIgnoreCase("chunked")) {
                return parts[1];
            }
            StringBuilder body = new StringBuilder();
            String rest = parts[1];
            while (true) {
                int end = rest.indexOf("\r\n");
                if (end < 0) {
                    return body.toString();
                }
                int size = Integer.parseInt(rest.substring(0, end).trim(), 16);
                if (size == 0 || rest.length() < end + 2 + size) {
                    return body.toString();
                }
                body.append(rest, end + 2, end + 2 + size);
                rest = rest.substring(Math.min(rest.length(), end + 2 + size + 2));
            }
        }

        @Override
        public String toString() {
            return text.length() > 600 ? text.substring(0, 600) + "..." : text;
        }
    }

    /** Sends {@code request} (ISO-8859-1) to {@code host:port} and reads until the server closes or 10 s pass. */
    public static Response send(String host, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(ISO_8859_1));
            socket.getOutputStream().flush();
            return new Response(readAll(socket.getInputStream()));
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
            // A server that keeps the connection open, or resets it after answering: judge what arrived.
        }
        return received.toString(ISO_8859_1);
    }
}
