package dev.facerec.tools.bench.http;

import dev.facerec.tools.bench.BenchmarkPhotos.Photo;
import dev.facerec.tools.bench.Timings;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A 12 MP HEIC photo one request at a time through {@code POST /api/v1/faces/detect}, when the build lists HEIC among
 * its supported formats. The detect path consults no cache, so the same file is sent each time.
 */
final class HeicSection {
    private HeicSection() {}

    /**
     * The figures, or why there are none.
     *
     * @param detect the timings, or null when nothing was measured
     * @param faces faces found in the last answer
     * @param note what happened, for the report
     */
    record Figures(Timings detect, int faces, String note) {
        boolean measured() {
            return detect != null;
        }
    }

    static Figures run(ServiceClient http, Photo heic, int warmUp, int repeats) throws Exception {
        if (!supported(http)) {
            return new Figures(null, 0, "HEIC: not supported by this build");
        }
        Timings detect = new Timings();
        int faces = 0;
        try {
            for (int i = 0; i < warmUp + repeats; i++) {
                long started = System.nanoTime();
                faces = Answers.faces(http.postImage("/api/v1/faces/detect", heic.bytes()));
                if (i >= warmUp) {
                    detect.addNanos(System.nanoTime() - started);
                }
            }
        } catch (IllegalStateException refused) {
            return new Figures(
                    null, 0, "HEIC is listed, but /detect refused " + heic.name() + ": " + refused.getMessage());
        }
        return new Figures(
                detect,
                faces,
                heic.name() + ": /detect p50/p95 " + detect.medianAndP95() + " ms over " + repeats + " requests after "
                        + warmUp + " warm-up; faces found: " + faces);
    }

    private static boolean supported(ServiceClient http) throws Exception {
        JsonNode formats = Answers.json(http.getText("/api/v1/upload/supported-formats"), 200)
                .path("formats");
        for (JsonNode format : formats) {
            String name = format.path("name").asString("").toUpperCase(Locale.ROOT);
            String mediaType = format.path("mediaType").asString("").toLowerCase(Locale.ROOT);
            if (name.equals("HEIC") || name.equals("HEIF") || mediaType.equals("image/heic")) {
                return true;
            }
        }
        return false;
    }
}
