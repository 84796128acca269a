package dev.facerec.tools.compreface;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CompreFace recognition service's face collection, read through CompreFace's own REST API with the service's key in
 * {@code x-api-key}: its subjects, its examples page by page, and each example's stored image.
 */
final class CompreFaceSource {
    private static final String RECOGNITION = "/api/v1/recognition";

    private final RetryingHttp http;
    private final String baseUrl;
    private final String apiKey;
    private final JsonMapper json = JsonMapper.builder().build();

    CompreFaceSource(RetryingHttp http, String baseUrl, String apiKey) {
        this.http = requireNonNull(http, "http is null");
        this.baseUrl = stripTrailingSlash(requireNonNull(baseUrl, "baseUrl is null"));
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
    }

    /** One example: its id and the subject it belongs to. */
    record Example(String imageId, String subject) {}

    /** One page of examples, with the collection's size as the source counted it for this page. */
    record Page(List<Example> examples, int totalPages, long totalElements) {}

    List<String> subjects() throws ImportFailure, InterruptedException {
        JsonNode answer = getJson(RECOGNITION + "/subjects");
        List<String> subjects = new ArrayList<>();
        for (JsonNode subject : answer.path("subjects")) {
            subjects.add(subject.asString());
        }
        return subjects;
    }

    /** Page {@code page} (from 0) of every example in the collection, {@code size} a page. */
    Page examples(int page, int size) throws ImportFailure, InterruptedException {
        JsonNode answer = getJson(RECOGNITION + "/faces?page=" + page + "&size=" + size);
        List<Example> examples = new ArrayList<>();
        for (JsonNode face : answer.path("faces")) {
            String imageId = face.path("image_id").asString("");
            if (imageId.isBlank()) {
                throw new ImportFailure("the source listed an example without image_id on page " + page);
            }
            examples.add(new Example(imageId, face.path("subject").asString("")));
        }
        return new Page(
                examples,
                answer.path("total_pages").asInt(0),
                answer.path("total_elements").asLong(examples.size()));
    }

    /**
     * The example's stored image; empty when the source kept none (CompreFace answers 200 with an empty body when it
     * ran with {@code SAVE_IMAGES_TO_DB=false}, or for an unknown id).
     *
     * @throws IOException the image could not be fetched (after the retries): this example fails, the import goes on
     */
    byte[] image(String imageId) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = http.send(request(RECOGNITION + "/faces/" + encode(imageId) + "/img"));
        if (answer.statusCode() != 200) {
            throw new IOException("the source answered HTTP " + answer.statusCode() + ": " + excerpt(answer.body()));
        }
        return answer.body();
    }

    private JsonNode getJson(String path) throws ImportFailure, InterruptedException {
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request(path).header("Accept", "application/json"));
        } catch (IOException e) {
            throw new ImportFailure("the source " + baseUrl + " did not answer GET " + path + ": " + e, e);
        }
        if (answer.statusCode() != 200) {
            throw new ImportFailure("the source answered GET " + path + " with HTTP " + answer.statusCode() + ": "
                    + excerpt(answer.body())
                    + (answer.statusCode() == 400 || answer.statusCode() == 404
                            ? " (is KEY the API key of a recognition service?)"
                            : ""));
        }
        try {
            return json.readTree(answer.body());
        } catch (JacksonException e) {
            throw new ImportFailure("the source answered GET " + path + " with something other than JSON", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("x-api-key", apiKey)
                .GET();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, UTF_8).replace("+", "%20");
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The start of an error body, for a message; never an image. */
    static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), UTF_8).replaceAll("\\s+", " ");
        return text.isBlank() ? "(empty body)" : text;
    }
}
