package dev.facerec.api.ops;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A stand-in for a replica behind HAProxy, at the level of raw HTTP/1.1: it always answers the health check, and
 * either answers every other request with 200 naming itself, or reads it whole and closes the connection without a
 * byte, as a replica that dies with the request in hand. It keeps the requests it received.
 */
final class StandIn implements AutoCloseable {
    /** A request as received: method, path, and whether it carried an Idempotency-Key. */
    record Received(String method, String path, boolean idempotencyKey) {}

    final String name;
    private final boolean dropsRequests;
    private final ServerSocket server;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    StandIn(String name, boolean dropsRequests) throws IOException {
        this.name = name;
        this.dropsRequests = dropsRequests;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The requests other than health checks. */
    List<Received> requests() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            String[] requestLine = line(in).split(" ");
            long length = 0;
            boolean key = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(
                            header.substring(header.indexOf(':') + 1).strip());
                }
                key |= lower.startsWith("idempotency-key:");
            }
            in.readNBytes((int) length);
            String path = requestLine[1];
            if (!path.equals("/health/ready")) {
                received.add(new Received(requestLine[0], path, key));
                if (dropsRequests) {
                    return; // closed without an answer
                }
            }
            byte[] body = ("{\"replica\":\"" + name + "\"}").getBytes(ISO_8859_1);
            connection
                    .getOutputStream()
                    .write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(ISO_8859_1));
            connection.getOutputStream().write(body);
        } catch (IOException | RuntimeException broken) {
            // A health check or client that went away: nothing to answer.
        }
    }

    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new IOException("connection closed mid-request");
            }
            if (next != '\r') {
                line.write(next);
            }
        }
        return line.toString(ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
