package dev.facerec.tools.compreface;

import static dev.facerec.tools.compreface.CompreFaceSource.encode;
import static dev.facerec.tools.compreface.CompreFaceSource.excerpt;
import static dev.facerec.tools.compreface.CompreFaceSource.stripTrailingSlash;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The facerec gallery the import writes to, through facerec's own REST API with an OPERATOR API key in
 * {@code X-API-Key}. Persons and faces are created with an {@code Idempotency-Key} derived from what they are (the
 * gallery and subject; the person and source image), so a POST repeated after a lost answer or a crash gets the first
 * answer instead of a second person or face.
 */
final class FacerecTarget {
    private static final String PERSONS = "/api/v1/persons";
    private static final int PAGE_SIZE = 500;

    private final RetryingHttp http;
    private final String baseUrl;
    private final String apiKey;
    private final JsonMapper json = JsonMapper.builder().build();

    FacerecTarget(RetryingHttp http, String baseUrl, String apiKey) {
        this.http = requireNonNull(http, "http is null");
        this.baseUrl = stripTrailingSlash(requireNonNull(baseUrl, "baseUrl is null"));
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
    }

    /** What enrolling one image came to. */
    sealed interface Enrolment {
        record Enrolled(UUID faceId) implements Enrolment {}

        /** facerec refused the image: {@code code} is its problem code (NO_FACE, MULTIPLE_FACES, ...) or HTTP_nnn. */
        record Refused(int status, String code, String detail) implements Enrolment {}
    }

    /**
     * The gallery named by {@code gallery}: its id when it is a UUID (it must exist), else the gallery with exactly
     * that name, created when there is none.
     */
    UUID gallery(String gallery) throws ImportFailure, InterruptedException {
        Optional<UUID> id = uuid(gallery);
        if (id.isPresent()) {
            expectOk(call(get("/api/v1/galleries/" + id.get())), "GET the gallery " + gallery);
            return id.get();
        }
        for (int page = 0; ; page++) {
            JsonNode answer =
                    expectOk(call(get("/api/v1/galleries?size=" + PAGE_SIZE + "&page=" + page)), "list galleries");
            for (JsonNode item : answer.path("items")) {
                if (item.path("name").asString("").equals(gallery.strip())) {
                    return UUID.fromString(item.path("id").asString());
                }
            }
            if (answer.path("items").size() < PAGE_SIZE) {
                break;
            }
        }
        ObjectNode body = json.createObjectNode().put("name", gallery.strip());
        return UUID.fromString(expectOk(
                        call(postJson("/api/v1/galleries", body, idempotencyKey("gallery", gallery.strip()))),
                        "create the gallery " + gallery)
                .path("id")
                .asString());
    }

    /**
     * The person of the gallery whose name is {@code subject} regardless of case (as CompreFace compares subjects), or
     * a new one with that name and the subject as its external id.
     *
     * @param replacing null, or the person an earlier call gave for this subject that has been erased since: the new
     *     one is created under another Idempotency-Key, which would otherwise answer with the erased one again
     */
    Person person(UUID galleryId, String subject, UUID replacing) throws ImportFailure, InterruptedException {
        String name = subject.strip();
        for (int page = 0; ; page++) {
            JsonNode answer = expectOk(
                    call(get(PERSONS + "?galleryId=" + galleryId + "&name=" + encode(name) + "&size=" + PAGE_SIZE
                            + "&page=" + page)),
                    "look up the person " + name);
            for (JsonNode item : answer.path("items")) {
                if (item.path("name").asString("").toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return new Person(UUID.fromString(item.path("id").asString()), false);
                }
            }
            if (answer.path("items").size() < PAGE_SIZE) {
                break;
            }
        }
        ObjectNode body = json.createObjectNode()
                .put("galleryId", galleryId.toString())
                .put("name", name)
                .put("externalId", subject);
        JsonNode created = expectOk(
                call(postJson(
                        PERSONS,
                        body,
                        idempotencyKey(
                                "person",
                                galleryId + "\n" + name.toLowerCase(Locale.ROOT)
                                        + (replacing == null ? "" : "\n" + replacing)))),
                "create the person " + name);
        return new Person(UUID.fromString(created.path("id").asString()), true);
    }

    /** @param created whether this call created it */
    record Person(UUID id, boolean created) {}

    /**
     * Enrols the image as a face of the person.
     *
     * @throws IOException facerec did not answer (after the retries)
     * @throws ImportFailure the key was refused: no other image would fare better
     */
    Enrolment enroll(UUID personId, String imageId, byte[] image)
            throws IOException, ImportFailure, InterruptedException {
        String boundary = "facerec-import-" + UUID.randomUUID();
        HttpResponse<byte[]> answer = http.send(request(PERSONS + "/" + personId + "/faces")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", idempotencyKey("face", personId + "\n" + imageId))
                .POST(BodyPublishers.ofByteArray(multipart(boundary, image))));
        refuseKey(answer);
        if (answer.statusCode() == 201) {
            return new Enrolment.Enrolled(
                    UUID.fromString(parse(answer).path("id").asString()));
        }
        JsonNode problem = parseOrEmpty(answer);
        return new Enrolment.Refused(
                answer.statusCode(),
                problem.path("code").asString("HTTP_" + answer.statusCode()),
                problem.path("detail").asString(excerpt(answer.body())));
    }

    private HttpResponse<byte[]> call(HttpRequest.Builder request) throws ImportFailure, InterruptedException {
        try {
            HttpResponse<byte[]> answer = http.send(request);
            refuseKey(answer);
            return answer;
        } catch (IOException e) {
            throw new ImportFailure("facerec at " + baseUrl + " did not answer: " + e, e);
        }
    }

    private static void refuseKey(HttpResponse<byte[]> answer) throws ImportFailure {
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            throw new ImportFailure("facerec refused FACEREC_API_KEY (HTTP " + answer.statusCode() + ": "
                    + excerpt(answer.body()) + "); it needs an OPERATOR key that may use the gallery");
        }
    }

    private JsonNode expectOk(HttpResponse<byte[]> answer, String what) throws ImportFailure {
        if (answer.statusCode() / 100 != 2) {
            throw new ImportFailure(
                    "facerec could not " + what + ": HTTP " + answer.statusCode() + " " + excerpt(answer.body()));
        }
        return parse(answer);
    }

    private JsonNode parse(HttpResponse<byte[]> answer) throws ImportFailure {
        try {
            return json.readTree(answer.body());
        } catch (JacksonException e) {
            throw new ImportFailure("facerec answered with something other than JSON: " + excerpt(answer.body()), e);
        }
    }

    private JsonNode parseOrEmpty(HttpResponse<byte[]> answer) {
        try {
            return json.readTree(answer.body());
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    private HttpRequest.Builder get(String path) {
        return request(path).header("Accept", "application/json").GET();
    }

    private HttpRequest.Builder postJson(String path, ObjectNode body, String idempotencyKey) {
        return request(path)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(BodyPublishers.ofString(body.toString()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("X-API-Key", apiKey);
    }

    private static byte[] multipart(String boundary, byte[] image) {
        var body = new ByteArrayOutputStream(image.length + 256);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"image\""
                        + "\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
        return body.toByteArray();
    }

    /** A key from what the request creates, so that the same creation always sends the same key. */
    static String idempotencyKey(String kind, String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(UTF_8));
            return "compreface-import-" + kind + "-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException notOne) {
            return Optional.empty();
        }
    }
}
