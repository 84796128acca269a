package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the end-to-end tests of bulk enrolment jobs share: the photos, the job form, and what a gallery holds after. */
final class EnrollmentJobKit {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EnrollmentJobKit() {}

    /** The folder of one person's lfw-dev photos. */
    static Path lfw(String person) {
        return Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images", person);
    }

    /** A 200x200 PNG of grey stripes: a readable image without a face. */
    static byte[] blank() throws Exception {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                image.setRGB(x, y, (x * 7 + y * 13) % 256 * 0x010101);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A new gallery named {@code prefix} and a random suffix; its id. */
    static String createGallery(TestHttp http, String prefix) throws Exception {
        HttpResponse<String> gallery =
                http.postJson("/api/v1/galleries", "{\"name\":\"" + prefix + UUID.randomUUID() + "\"}");
        assertThat(gallery.statusCode()).as(gallery.body()).isEqualTo(201);
        return JSON.readTree(gallery.body()).path("id").asString();
    }

    /** POSTs the job form of {@code parts}, with an Idempotency-Key unless {@code idempotencyKey} is null. */
    static HttpResponse<String> submit(TestHttp http, String idempotencyKey, byte[]... parts) throws Exception {
        HttpRequest form = http.multipart("/api/v1/jobs/enrollments", BodyPublishers::ofByteArray, parts);
        HttpRequest.Builder request = HttpRequest.newBuilder(form, (name, value) -> true);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build());
    }

    /** The number of faces of each person of {@code gallery} (up to 50 persons), by name; a mutable map. */
    static Map<String, Integer> facesByName(TestHttp http, String gallery) throws Exception {
        Map<String, Integer> facesByName = new HashMap<>();
        JsonNode persons = JSON.readTree(http.call("GET", "/api/v1/persons?galleryId=" + gallery + "&size=50")
                .body());
        for (JsonNode person : persons.path("items")) {
            JsonNode faces = JSON.readTree(
                    http.call("GET", "/api/v1/persons/" + person.path("id").asString() + "/faces")
                            .body());
            facesByName.merge(
                    person.path("name").asString(), (int) faces.path("total").asLong(), Integer::sum);
        }
        return facesByName;
    }
}
