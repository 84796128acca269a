package dev.facerec.tools.bench.http;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the service's answers in the benchmarks: a status other than the expected one is a failure. */
final class Answers {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Answers() {}

    /** The body as JSON when the status is {@code expected}; otherwise an exception with the status and body. */
    static JsonNode json(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            String body = response.body();
            throw new IllegalStateException(
                    "HTTP " + response.statusCode() + ": " + (body.length() > 300 ? body.substring(0, 300) : body));
        }
        return JSON.readTree(response.body());
    }

    /** How many faces a detect or identify answer holds. */
    static int faces(HttpResponse<String> response) {
        return json(response, 200).path("faces").size();
    }
}
