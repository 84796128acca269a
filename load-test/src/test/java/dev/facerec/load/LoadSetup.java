package dev.facerec.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Prepares a freshly started service for the simulations: signs in as the administrator, creates an OPERATOR API key,
 * asks which formats the service reads, creates a gallery and enrols one photo each of {@code --people} LFW people
 * who have a second photo (the probe for verify and identify), and warms up on the large photos. Writes the run folder
 * that {@link LoadSettings} reads: {@code setup.properties}, {@code api-key} (owner-only) and {@code persons.csv}.
 *
 * <pre>LoadSetup --base-url URL --password-file FILE --shared-data DIR --people N --run-dir DIR</pre>
 */
public final class LoadSetup {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    private LoadSetup(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        var options = Options.parse(args);
        new LoadSetup(options.baseUrl()).run(options);
    }

    private record Options(String baseUrl, Path passwordFile, Path sharedData, int people, Path runDir) {
        static Options parse(String[] args) {
            if (args.length != 10) {
                throw new IllegalArgumentException("usage: LoadSetup --base-url URL --password-file FILE"
                        + " --shared-data DIR --people N --run-dir DIR");
            }
            var values = new java.util.HashMap<String, String>();
            for (int i = 0; i < args.length; i += 2) {
                values.put(args[i], args[i + 1]);
            }
            return new Options(
                    values.get("--base-url"),
                    Path.of(values.get("--password-file")),
                    Path.of(values.get("--shared-data")),
                    Integer.parseInt(values.get("--people")),
                    Path.of(values.get("--run-dir")));
        }
    }

    private void run(Options options) throws IOException, InterruptedException {
        String password = Files.readString(options.passwordFile()).strip();
        ObjectNode login = JSON.createObjectNode().put("username", "admin").put("password", password);
        String token = expect(200, json("POST", "/api/v1/auth/login", login, null))
                .get("accessToken")
                .asText();
        String bearer = "Bearer " + token;

        ObjectNode keyRequest = JSON.createObjectNode().put("name", "load-test").put("role", "OPERATOR");
        String key = expect(201, json("POST", "/api/v1/api-keys", keyRequest, bearer))
                .get("key")
                .asText();
        Path keyFile = options.runDir().resolve(LoadSettings.KEY_FILE);
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, key);

        JsonNode formats = expect(
                        200,
                        send(request("/api/v1/upload/supported-formats", bearer).GET()))
                .get("formats");
        boolean heic = readsExtension(formats, "heic");
        boolean avif = readsExtension(formats, "avif");

        ObjectNode galleryRequest = JSON.createObjectNode().put("name", "load-test");
        String galleryId = expect(201, json("POST", "/api/v1/galleries", galleryRequest, bearer))
                .get("id")
                .asText();

        Path lfw = options.sharedData().resolve("lfw-dev");
        List<String> rows = new ArrayList<>();
        rows.add("id,name,enrolled,probe");
        int refused = 0;
        for (String name : peopleWithTwoPhotos(lfw, options.people())) {
            Path enrolled = lfw.resolve("images/%s/%s_0001.jpg".formatted(name, name));
            Path probe = lfw.resolve("images/%s/%s_0002.jpg".formatted(name, name));
            ObjectNode person = JSON.createObjectNode().put("name", name).put("galleryId", galleryId);
            String personId = expect(201, json("POST", "/api/v1/persons", person, bearer))
                    .get("id")
                    .asText();
            HttpResponse<String> enrolment =
                    send(multipart("/api/v1/persons/" + personId + "/faces", bearer, enrolled));
            if (enrolment.statusCode() == 201) {
                rows.add(String.join(",", personId, name, enrolled.toString(), probe.toString()));
            } else if (enrolment.statusCode() == 422) {
                refused++; // no usable face in that crop: the person stays without a face, and out of the probes
            } else {
                throw new IllegalStateException("enrolment answered " + enrolment.statusCode());
            }
        }
        Files.write(options.runDir().resolve(LoadSettings.PERSONS_FILE), rows);

        // The first decode of a large photo runs cold (class loading, the JIT); the enrolments above warmed the
        // 250x250 path, these the large-photo path, so that the steady phase measures a warm service.
        List<Path> large = new ArrayList<>(Photos.phoneJpegs(options.sharedData()));
        large.addAll(Photos.heifs(options.sharedData(), heic, avif));
        for (int round = 0; round < 2; round++) {
            for (Path photo : large) {
                expect(200, send(multipart("/api/v1/faces/detect", bearer, photo)));
            }
        }

        Properties setup = new Properties();
        setup.setProperty("baseUrl", baseUrl);
        setup.setProperty("galleryId", galleryId);
        setup.setProperty("sharedData", options.sharedData().toAbsolutePath().toString());
        setup.setProperty("heic", Boolean.toString(heic));
        setup.setProperty("avif", Boolean.toString(avif));
        setup.setProperty("enrolled", Integer.toString(rows.size() - 1));
        try (var out = Files.newBufferedWriter(options.runDir().resolve(LoadSettings.SETUP_FILE))) {
            setup.store(out, "written by LoadSetup");
        }
        System.out.printf(
                "load setup: gallery with %d people enrolled (%d photos refused), HEIC %s, AVIF %s%n",
                rows.size() - 1, refused, heic ? "read" : "not read", avif ? "read" : "not read");
    }

    /** Whether one of the formats the service lists has the file extension. */
    static boolean readsExtension(JsonNode formats, String extension) {
        for (JsonNode format : formats) {
            for (JsonNode listed : format.path("extensions")) {
                if (listed.asText().equalsIgnoreCase(extension)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every {@code n}th name of the people with two photos or more, so that the gallery spans the alphabet. */
    static List<String> peopleWithTwoPhotos(Path lfw, int wanted) throws IOException {
        List<String> names = Files.readAllLines(lfw.resolve("people.txt")).stream()
                .map(line -> line.split("\t"))
                .filter(fields -> fields.length == 2 && Integer.parseInt(fields[1].strip()) >= 2)
                .map(fields -> fields[0].strip())
                .sorted()
                .toList();
        if (names.size() < wanted) {
            throw new IllegalArgumentException("only " + names.size() + " LFW people have two photos");
        }
        List<String> chosen = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            chosen.add(names.get((int) ((long) i * names.size() / wanted)));
        }
        return chosen;
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        return bearer == null ? builder : builder.header("Authorization", bearer);
    }

    private HttpResponse<String> json(String method, String path, JsonNode body, String bearer)
            throws IOException, InterruptedException {
        return send(request(path, bearer)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder multipart(String path, String bearer, Path photo) throws IOException {
        String boundary = "load-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\""
                        + photo.getFileName() + "\"\r\nContent-Type: " + Photos.mediaType(photo) + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(photo));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request(path, bearer)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON body of an answer with the expected status; anything else stops the set-up, naming the route. */
    private static JsonNode expect(int status, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != status) {
            // The body is a problem document (no secret in it); a sign-in's body is never printed on success.
            throw new IllegalStateException("%s %s answered %d, expected %d: %s"
                    .formatted(
                            response.request().method(),
                            response.request().uri().getPath(),
                            response.statusCode(),
                            status,
                            response.body()));
        }
        return JSON.readTree(response.body());
    }
}
