package dev.facerec.api.compat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.Point;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CompreFace's face objects, as its API writes them (fields that are null are left out). */
final class FaceJson {
    private FaceJson() {}

    /** A face box in the photo's pixels; {@code probability} is the detector's confidence. */
    record Box(
            double probability,
            @JsonProperty("x_max") int xMax,
            @JsonProperty("y_max") int yMax,
            @JsonProperty("x_min") int xMin,
            @JsonProperty("y_min") int yMin) {
        static Box of(DetectedFace face, boolean rounded) {
            BoundingBox box = face.box();
            return new Box(
                    rounded ? round5(face.score()) : face.score(),
                    Math.round(box.x() + box.width()),
                    Math.round(box.y() + box.height()),
                    Math.round(box.x()),
                    Math.round(box.y()));
        }
    }

    record SubjectSimilarity(String subject, double similarity) {}

    /** A face of a recognition: its box and the nearest subjects, with the plugins asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecognizedFace(
            Box box,
            List<SubjectSimilarity> subjects,
            List<int[]> landmarks,
            float[] embedding,
            @JsonProperty("execution_time") Map<String, Double> executionTime) {}

    /** A face of a detection. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DetectedFaceJson(
            Box box,
            List<int[]> landmarks,
            float[] embedding,
            @JsonProperty("execution_time") Map<String, Double> executionTime) {}

    /** A face of a verification against a stored example. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VerifiedFace(
            Box box,
            String subject,
            double similarity,
            List<int[]> landmarks,
            float[] embedding,
            @JsonProperty("execution_time") Map<String, Double> executionTime) {}

    /** A face of the verification service's source or target image. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MatchedFace(
            Box box,
            Double similarity,
            List<int[]> landmarks,
            float[] embedding,
            @JsonProperty("execution_time") Map<String, Double> executionTime) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result<T>(
            List<T> result,
            @JsonProperty("plugins_versions") Map<String, String> pluginsVersions) {}

    /** The five landmarks as {@code [[x, y], ...]}, when the {@code landmarks} plugin is asked for. */
    static List<int[]> landmarks(DetectedFace face, FaceOptions options) {
        if (!options.landmarks()) {
            return null;
        }
        return face.landmarks().stream().map(FaceJson::point).toList();
    }

    /** The embedding, when the {@code calculator} plugin is asked for and the face has one. */
    static float[] embedding(Embedding embedding, FaceOptions options) {
        return options.calculator() && embedding != null ? embedding.vector() : null;
    }

    /** What answered, when {@code status=true}: the detector and the recognizer (CompreFace's calculator). */
    static Map<String, String> versions(FaceOptions options, String modelId) {
        if (!options.status()) {
            return null;
        }
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("detector", "facerec.FaceDetector");
        versions.put("calculator", "facerec.Calculator@" + modelId);
        return versions;
    }

    /**
     * How long the photo's analysis took, when {@code status=true}: facerec decodes, detects and embeds in one pass, so
     * it answers the whole pass in milliseconds as {@code total} rather than CompreFace's time per plugin.
     */
    static Map<String, Double> executionTime(FaceOptions options, long startNanos) {
        if (!options.status()) {
            return null;
        }
        return Map.of("total", millis(System.nanoTime() - startNanos));
    }

    /** Milliseconds to a tenth. */
    static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }

    /** The faces kept by {@code det_prob_threshold}, largest first, at most {@code limit} (0: all). */
    static <T> List<T> largestFirst(List<T> faces, java.util.function.Function<T, DetectedFace> face, FaceOptions o) {
        var kept = faces.stream()
                .filter(candidate -> o.keeps(face.apply(candidate).score()))
                .sorted(Comparator.comparingDouble(
                                (T candidate) -> face.apply(candidate).box().area())
                        .reversed())
                .toList();
        return o.limit() > 0 && kept.size() > o.limit() ? kept.subList(0, o.limit()) : kept;
    }

    /** CompreFace rounds similarities and probabilities to 5 decimals, half up. */
    static double round5(double value) {
        return BigDecimal.valueOf(value).setScale(5, RoundingMode.HALF_UP).doubleValue();
    }

    private static int[] point(Point point) {
        return new int[] {Math.round(point.x()), Math.round(point.y())};
    }
}
