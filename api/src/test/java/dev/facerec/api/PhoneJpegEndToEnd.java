package dev.facerec.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Phone-size JPEGs through real HTTP, run on both decoding paths ({@link PhoneJpegNativeEndToEndIT}, {@link
 * PhoneJpegImageIoEndToEndIT}): boxes in the photo's own coordinates whatever scale it was decoded at, a photo
 * matching itself, and supported-formats naming the JPEG decoder.
 */
abstract class PhoneJpegEndToEnd {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /** How supported-formats names the JPEG decoder on this path. */
    abstract String expectedJpegDecoder();

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(
                Path.of(System.getProperty("facerec.data.dir")).resolve("detection/" + relative));
    }

    @ParameterizedTest
    @CsvSource({
        "large/deepface_img40_3061x4600.jpg, 3061, 4600, 1",
        "large/deepface_img49_4352x2903.jpg, 4352, 2903, 1",
        "large/solvay1927_upscaled_7000px.jpg, 7000, 3151, 29",
        "exif-orientation/bbt4_6faces_orient6.jpg, 710, 473, 6"
    })
    void detectsInThePhotosOwnCoordinates(String photo, int width, int height, int faces) throws Exception {
        HttpResponse<String> response = new TestHttp(port)
                .send(new TestHttp(port)
                        .multipart(
                                "/api/v1/faces/detect",
                                BodyPublishers::ofByteArray,
                                TestHttp.part("image", "photo.jpg", photo(photo))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("imageWidth").asInt()).isEqualTo(width);
        assertThat(body.path("imageHeight").asInt()).isEqualTo(height);
        assertThat(body.path("faces")).hasSize(faces);
        for (JsonNode face : body.path("faces")) {
            JsonNode box = face.path("box");
            assertThat(box.path("x").asDouble() + box.path("width").asDouble()).isLessThanOrEqualTo(width);
            assertThat(box.path("y").asDouble() + box.path("height").asDouble()).isLessThanOrEqualTo(height);
        }
    }

    @Test
    void aPhoneSizePhotoMatchesItself() throws Exception {
        byte[] bytes = photo("large/deepface_img40_3061x4600.jpg");
        HttpResponse<String> response = new TestHttp(port)
                .send(new TestHttp(port)
                        .multipart(
                                "/api/v1/faces/compare",
                                BodyPublishers::ofByteArray,
                                TestHttp.part("source", bytes),
                                TestHttp.part("target", bytes)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("similarity").asDouble()).isGreaterThan(0.99);
    }

    @Test
    void supportedFormatsNameTheJpegDecoder() throws Exception {
        HttpResponse<String> response =
                new TestHttp(port).send(new TestHttp(port).get("/api/v1/upload/supported-formats"));

        assertThat(response.statusCode()).isEqualTo(200);
        String decoder = "";
        for (JsonNode format : JSON.readTree(response.body()).path("formats")) {
            if (format.path("name").asString().equals("JPEG")) {
                decoder = format.path("decoder").asString();
            }
        }
        assertThat(decoder).startsWith(expectedJpegDecoder());
    }
}
