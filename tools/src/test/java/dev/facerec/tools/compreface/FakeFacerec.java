package dev.facerec.tools.compreface;

import static dev.facerec.tools.compreface.FakeCompreFace.query;
import static dev.facerec.tools.compreface.FakeCompreFace.send;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * facerec's REST API as far as the import uses it (galleries, persons, face enrolment), on a real local HTTP server,
 * with its Idempotency-Key rule: a repeated key with the same request gets the first answer, a 5xx is not kept. The
 * image bytes choose what enrolment answers: {@code noface...} 400 NO_FACE, {@code flaky...} 503 the first time,
 * {@code lost...} enrols and then answers too late for the client, anything else 201.
 */
final class FakeFacerec implements AutoCloseable {
    static final String KEY = "frk_0123456789ab.secret";
    final UUID galleryId = UUID.randomUUID();

    private final HttpServer server;
    private final Map<UUID, String[]> persons = new ConcurrentHashMap<>(); // id -> gallery, name, externalId
    private final Map<UUID, List<byte[]>> faces = new ConcurrentHashMap<>();
    private final Map<String, String[]> replies = new ConcurrentHashMap<>(); // key -> fingerprint, status, body
    private final Map<String, Boolean> answeredOnce = new ConcurrentHashMap<>();
    final AtomicInteger enrolPosts = new AtomicInteger();
    private volatile int revokeAfterEnrolments = Integer.MAX_VALUE;

    FakeFacerec() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The key is refused once this many faces were enrolled: an import stopped half-way. */
    void revokeAfter(int enrolments) {
        revokeAfterEnrolments = enrolments;
    }

    /** Names of the gallery's persons, sorted. */
    List<String> personNames() {
        return persons.values().stream().map(p -> p[1]).sorted().toList();
    }

    String externalId(String name) {
        return persons.values().stream()
                .filter(p -> p[1].equals(name))
                .findFirst()
                .orElseThrow()[2];
    }

    int faceCount() {
        return faces.values().stream().mapToInt(List::size).sum();
    }

    /** The face images of the person with this name, as text. */
    List<String> facesOf(String name) {
        return persons.entrySet().stream()
                .filter(p -> p.getValue()[1].equals(name))
                .flatMap(p -> faces.getOrDefault(p.getKey(), List.of()).stream())
                .map(bytes -> new String(bytes, UTF_8))
                .sorted()
                .toList();
    }

    /** Erases a person with its faces, as DELETE /api/v1/persons/{id} does. */
    void erase(String name) {
        persons.entrySet().removeIf(p -> {
            boolean match = p.getValue()[1].equals(name);
            if (match) {
                faces.remove(p.getKey());
            }
            return match;
        });
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))
                    || faceCount() >= revokeAfterEnrolments) {
                problem(exchange, 401, "UNAUTHENTICATED", "The API key is unknown or revoked.");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/api/v1/galleries") && method.equals("GET")) {
                send(
                        exchange,
                        200,
                        "{\"items\":[{\"id\":\"" + galleryId + "\",\"name\":\"staff\"}],\"page\":0,"
                                + "\"size\":500,\"total\":1}");
            } else if (path.startsWith("/api/v1/galleries/")) {
                boolean known = path.endsWith(galleryId.toString());
                send(
                        exchange,
                        known ? 200 : 404,
                        known
                                ? "{\"id\":\"" + galleryId + "\",\"name\":\"staff\"}"
                                : "{\"code\":\"NOT_FOUND\",\"detail\":\"No such gallery.\"}");
            } else if (path.equals("/api/v1/persons") && method.equals("GET")) {
                listPersons(exchange);
            } else if (path.equals("/api/v1/persons") && method.equals("POST")) {
                idempotent(exchange, new String(body, UTF_8), () -> createPerson(new String(body, UTF_8)));
            } else if (path.matches("/api/v1/persons/[^/]+/faces") && method.equals("POST")) {
                enrolPosts.incrementAndGet();
                UUID person = UUID.fromString(path.split("/")[4]);
                byte[] image = imagePart(exchange, body);
                idempotent(exchange, Arrays.toString(image), () -> enrol(person, image));
            } else {
                problem(exchange, 404, "NOT_FOUND", "No such endpoint.");
            }
        }
    }

    private void listPersons(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String name = query.getOrDefault("name", "").toLowerCase(Locale.ROOT);
        String items = persons.entrySet().stream()
                .filter(p -> p.getValue()[0].equals(query.get("galleryId")))
                .filter(p -> p.getValue()[1].toLowerCase(Locale.ROOT).contains(name))
                .map(p -> "{\"id\":\"" + p.getKey() + "\",\"name\":\"" + p.getValue()[1] + "\"}")
                .collect(Collectors.joining(","));
        send(exchange, 200, "{\"items\":[" + items + "],\"page\":0,\"size\":500}");
    }

    private String[] createPerson(String json) {
        UUID id = UUID.randomUUID();
        persons.put(id, new String[] {field(json, "galleryId"), field(json, "name"), field(json, "externalId")});
        faces.put(id, new ArrayList<>());
        return new String[] {"201", "{\"id\":\"" + id + "\",\"name\":\"" + field(json, "name") + "\"}"};
    }

    private String[] enrol(UUID person, byte[] image) {
        String text = new String(image, UTF_8);
        if (!persons.containsKey(person)) {
            return new String[] {"404", "{\"code\":\"NOT_FOUND\",\"detail\":\"No such person.\"}"};
        }
        if (text.startsWith("noface")) {
            return new String[] {"400", "{\"code\":\"NO_FACE\",\"detail\":\"No face was found in the photo.\"}"};
        }
        if (text.startsWith("flaky") && answeredOnce.putIfAbsent(text, true) == null) {
            return new String[] {"503", "{\"code\":\"UNAVAILABLE\",\"detail\":\"Busy.\"}"};
        }
        UUID face = UUID.randomUUID();
        faces.get(person).add(image);
        return new String[] {"201", "{\"id\":\"" + face + "\",\"personId\":\"" + person + "\"}"};
    }

    private interface Creation {
        String[] run();
    }

    private void idempotent(HttpExchange exchange, String fingerprint, Creation creation) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String[] stored = key == null ? null : replies.get(key);
        if (stored != null) {
            if (!stored[0].equals(fingerprint)) {
                problem(exchange, 422, "IDEMPOTENCY_KEY_REUSED", "Another request had this key.");
                return;
            }
            send(exchange, Integer.parseInt(stored[1]), stored[2]);
            return;
        }
        String[] answer = creation.run();
        if (key != null && !answer[0].startsWith("5")) {
            replies.put(key, new String[] {fingerprint, answer[0], answer[1]});
        }
        if (answer[1].contains("\"personId\"")
                && fingerprint.equals(Arrays.toString("lost".getBytes(UTF_8)))
                && answeredOnce.putIfAbsent("lost", true) == null) {
            sleep(1_500); // the answer comes after the client stopped waiting
        }
        send(exchange, Integer.parseInt(answer[0]), answer[1]);
    }

    private static byte[] imagePart(HttpExchange exchange, byte[] body) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length());
        String text = new String(body, ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        int end = text.lastIndexOf("\r\n--" + boundary + "--");
        return Arrays.copyOfRange(body, start, end);
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            return null;
        }
        int start = at + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    private static void problem(HttpExchange exchange, int status, String code, String detail) throws IOException {
        send(exchange, status, "{\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}");
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
