package dev.facerec.tools.compreface;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A CompreFace recognition service for the import's unit tests, on a real local HTTP server: the subjects and paged
 * faces lists and the image download, answered as CompreFace answers them (reference sections 3.2 and 3.3), with the
 * key checked as its filter checks it. Images can be made to fail a number of times, or for good.
 */
final class FakeCompreFace implements AutoCloseable {
    static final String KEY = UUID.randomUUID().toString();

    private final HttpServer server;
    private final List<String> subjects = new ArrayList<>();
    private final Map<String, String> subjectOf = new LinkedHashMap<>();
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Integer> slowOnce = new ConcurrentHashMap<>();
    final AtomicInteger imageDownloads = new AtomicInteger();

    FakeCompreFace() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/recognition/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeCompreFace subject(String name) {
        subjects.add(name);
        return this;
    }

    /** An example of the subject with these image bytes (empty: the source kept no image); answers its id. */
    String example(String subject, byte[] image) {
        String id = UUID.randomUUID().toString();
        subjectOf.put(id, subject);
        images.put(id, image);
        return id;
    }

    /** The image download answers 500 this many times first (Integer.MAX_VALUE: always). */
    void failImage(String imageId, int times) {
        failuresLeft.put(imageId, new AtomicInteger(times));
    }

    /** The first download of the image waits this long before answering. */
    void slowImageOnce(String imageId, int millis) {
        slowOnce.put(imageId, millis);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
                send(exchange, 404, "{\"message\":\"Recognition service with API Key x not found\",\"code\":10}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.equals("/api/v1/recognition/subjects")) {
                send(
                        exchange,
                        200,
                        "{\"subjects\":["
                                + subjects.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}");
            } else if (path.equals("/api/v1/recognition/faces")) {
                faces(
                        exchange,
                        Integer.parseInt(query.getOrDefault("page", "0")),
                        Integer.parseInt(query.getOrDefault("size", "20")));
            } else if (path.startsWith("/api/v1/recognition/faces/") && path.endsWith("/img")) {
                image(exchange, path.substring("/api/v1/recognition/faces/".length(), path.length() - 4));
            } else {
                send(exchange, 404, "{\"message\":\"not here\",\"code\":0}");
            }
        }
    }

    private void faces(HttpExchange exchange, int page, int size) throws IOException {
        List<String> ids = List.copyOf(subjectOf.keySet());
        int totalPages = (ids.size() + size - 1) / size;
        String faces = ids.stream()
                .skip((long) page * size)
                .limit(size)
                .map(id -> "{\"image_id\":\"" + id + "\",\"subject\":\"" + subjectOf.get(id) + "\"}")
                .collect(Collectors.joining(","));
        send(
                exchange,
                200,
                "{\"faces\":[" + faces + "],\"total_pages\":" + totalPages + ",\"total_elements\":" + ids.size()
                        + ",\"page_number\":" + page + ",\"page_size\":" + size + "}");
    }

    private void image(HttpExchange exchange, String id) throws IOException {
        imageDownloads.incrementAndGet();
        Integer wait = slowOnce.remove(id);
        if (wait != null) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        AtomicInteger left = failuresLeft.get(id);
        if (left != null && left.getAndDecrement() > 0) {
            send(exchange, 500, "{\"message\":\"Something went wrong, please try again\",\"code\":0}");
            return;
        }
        byte[] image = images.getOrDefault(id, new byte[0]);
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, image.length == 0 ? -1 : image.length);
        exchange.getResponseBody().write(image);
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1), UTF_8));
                }
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
