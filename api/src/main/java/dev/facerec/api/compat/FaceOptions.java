package dev.facerec.api.compat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CompreFace's face-processing parameters, read as its clients really send them: from the query string or from
 * form fields, empty values as absent, booleans in any case ({@code status=False}), unknown parameters and plugin
 * slugs ignored ({@code face_plugins=undefined}). CompreFace's JavaScript SDK joins a second option with {@code ?}
 * instead of {@code &} ({@code ?subject=s?det_prob_threshold=0.8}); such a value is split into the parameters meant.
 *
 * @param limit the most faces answered, largest first; 0 for all
 * @param detProbThreshold the detection confidence a face must pass; empty for the detector's own
 * @param predictionCount the most subjects answered per face
 * @param plugins the plugin slugs asked for, lower case
 * @param status whether plugin versions are answered
 */
record FaceOptions(
        int limit, Optional<Double> detProbThreshold, int predictionCount, Set<String> plugins, boolean status) {
    /** Reads the parameters of the request, splitting values that hold options joined by {@code ?}. */
    static Map<String, String> parameters(HttpServletRequest request) {
        Map<String, String> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            for (String value : values) {
                put(parameters, name, value);
            }
        });
        return parameters;
    }

    private static void put(Map<String, String> parameters, String name, String value) {
        int question = value.indexOf('?');
        if (question >= 0 && value.substring(question + 1).matches("[A-Za-z_]+=.*")) {
            for (String pair : value.substring(question + 1).split("[?&]")) {
                String[] split = pair.split("=", 2);
                if (split.length == 2) {
                    put(parameters, split[0], split[1]);
                }
            }
            value = value.substring(0, question);
        }
        if (!value.isEmpty()) {
            parameters.putIfAbsent(name, value);
        }
    }

    static FaceOptions of(Map<String, String> parameters) {
        int limit = whole(parameters, "limit", 0);
        if (limit < 0) {
            throw CompreFaceException.invalid("Limit should be equal or greater than 0; ");
        }
        int predictionCount = whole(parameters, "prediction_count", 1);
        if (predictionCount < 1) {
            throw CompreFaceException.invalid("prediction_count should be equal or greater than 1; ");
        }
        Optional<Double> threshold = Optional.ofNullable(parameters.get("det_prob_threshold"))
                .map(value -> {
                    try {
                        return Double.parseDouble(value.strip());
                    } catch (NumberFormatException e) {
                        throw CompreFaceException.invalid("det_prob_threshold must be a number between 0 and 1; ");
                    }
                });
        // CompreFace's detector refuses a threshold out of range, which its API answers with code 28.
        if (threshold.isPresent() && !(threshold.get() >= 0 && threshold.get() <= 1)) {
            throw new CompreFaceException(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    28,
                    "det_prob_threshold must be between 0 and 1, not " + threshold.get());
        }
        Set<String> plugins = Optional.ofNullable(parameters.get("face_plugins")).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(slug -> slug.strip().toLowerCase(Locale.ROOT))
                .filter(slug -> !slug.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new FaceOptions(limit, threshold, predictionCount, plugins, bool(parameters, "status", false));
    }

    /** CompreFace tests {@code calculator} as a substring of the plugin list. */
    boolean calculator() {
        return plugins.stream().anyMatch(slug -> slug.contains("calculator"));
    }

    boolean landmarks() {
        return plugins.contains("landmarks");
    }

    /** Whether a face found with this confidence is kept: CompreFace keeps those strictly above the threshold. */
    boolean keeps(float score) {
        return detProbThreshold.map(threshold -> score > threshold).orElse(true);
    }

    static int whole(Map<String, String> parameters, String name, int fallback) {
        String value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw CompreFaceException.invalid(name + " must be a whole number, not '" + value + "'; ");
        }
    }

    /** Spring's reading of a boolean, which CompreFace's clients rely on: true/false, on/off, yes/no, 1/0. */
    static boolean bool(Map<String, String> parameters, String name, boolean fallback) {
        String value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw CompreFaceException.invalid(name + " must be true or false, not '" + value + "'; ");
        };
    }
}
