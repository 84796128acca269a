package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service in production mode, started as an operator starts it, for the tests that stop and restart it: the
 * real models, a data folder of the test's, free ports, and a fixed JWT secret, so that a service restarted with the
 * same encryption key reads what the one before it sealed.
 */
final class ProductionService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JWT_SECRET = "Kq7vR2mX9pL4tZ8wN3bH6cJ1fD5gS0yTuE";

    private ProductionService() {}

    /** The settings of the embedded database in {@code dataDir}/db; a mutable map, for more settings. */
    static Map<String, Object> embeddedDatabase(Path dataDir) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(
                "facerec.database.embedded-directory", dataDir.resolve("db").toString());
        return settings;
    }

    /**
     * Starts the service on {@code dataDir} with {@code encryptionKey} and {@code settings} (the database among them).
     * As command-line arguments: builder properties are defaults, which application.yml would override.
     */
    static ConfigurableApplicationContext start(Path dataDir, String encryptionKey, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("facerec.ml.models-dir", System.getProperty("facerec.models.dir"));
        properties.put("facerec.data-dir", dataDir.toString());
        properties.put("facerec.environment", "production");
        properties.put("facerec.security.jwt-secret-key", JWT_SECRET);
        properties.put("facerec.encryption.key", encryptionKey);
        return new SpringApplicationBuilder(FacerecApplication.class)
                .run(properties.entrySet().stream()
                        .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
    }

    /** A client of the started service, signed in as the test administrator. */
    static TestHttp http(ConfigurableApplicationContext service) {
        return new TestHttp(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
    }

    /** POSTs {@code json} to {@code path}, expects 201 Created, and the body. */
    static JsonNode created(TestHttp http, String path, String json) throws Exception {
        HttpResponse<String> response = http.postJson(path, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /**
     * A new gallery {@code name} with a person for each of {@code names}, enrolled with their first
     * {@code photosEach} lfw-dev photos; its id. {@code people} gets the id and name of each person.
     */
    static String enrolGallery(
            TestHttp http, String name, List<String> names, int photosEach, Map<String, String> people)
            throws Exception {
        String gallery = created(http, "/api/v1/galleries", "{\"name\":\"" + name + "\"}")
                .path("id")
                .asString();
        for (String person : names) {
            String id = created(
                            http, "/api/v1/persons", "{\"name\":\"" + person + "\",\"galleryId\":\"" + gallery + "\"}")
                    .path("id")
                    .asString();
            people.put(id, person);
            for (int i = 1; i <= photosEach; i++) {
                enrol(http, id, photo(photoOf(person, i)));
            }
        }
        return gallery;
    }

    /** Enrols {@code photo} to {@code person}, expects 201 Created; the face id. */
    static String enrol(TestHttp http, String person, byte[] photo) throws Exception {
        HttpResponse<String> face = http.postImage("/api/v1/persons/" + person + "/faces", photo);
        assertThat(face.statusCode()).as(face.body()).isEqualTo(201);
        return JSON.readTree(face.body()).path("id").asString();
    }

    /** The path of {@code name}'s lfw-dev photo {@code number}, for {@link #photo}. */
    static String photoOf(String name, int number) {
        return "%s/%s_%04d.jpg".formatted(name, name, number);
    }

    /** A photo of lfw-dev, by its path under the images folder ({@code Name/Name_0001.jpg}). */
    static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images/" + relative));
    }
}
