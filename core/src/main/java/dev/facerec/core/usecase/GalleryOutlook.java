package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.ImpostorTail;
import dev.facerec.core.face.MatchRates;
import dev.facerec.core.face.RecognitionModel;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What identification in a gallery of a given size can be expected to do at a threshold, from the recognizer's
 * calibration: the false-positive identification rate (FPIR) {@code 1 - (1 - FMR(t))^N}, the true-positive
 * identification rate (TPIR) {@code 1 - FNMR(t)} (the genuine face compared with the person's own face; rank errors
 * are not counted), warnings when the target FPIR cannot be met at this size without losing most true matches, and
 * each candidate's confidence {@code (1 - FMR(s))^N}: the probability that a stranger's best score over N faces stays
 * below {@code s}.
 */
final class GalleryOutlook {
    private static final System.Logger LOG = System.getLogger(GalleryOutlook.class.getName());

    /** Above this share of true matches lost, the threshold needed for the target FPIR is reported as unusable. */
    static final double MAX_USEFUL_FNMR = 0.5;

    private final RecognitionModel model;
    private final MatchRates rates;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final Consumer<String> log;

    GalleryOutlook(RecognitionModel model) {
        this(model, line -> LOG.log(Level.WARNING, line));
    }

    /** @param log where a warning goes the first time a gallery gets it (a log line in the service) */
    GalleryOutlook(RecognitionModel model, Consumer<String> log) {
        this.model = requireNonNull(model, "model is null");
        this.rates = new MatchRates(model);
        this.log = requireNonNull(log, "log is null");
    }

    RecognitionModel model() {
        return model;
    }

    /**
     * The outlook at {@code threshold} for {@code galleryFaces}; warnings are logged once per gallery and code.
     *
     * @param decision {@link IdentifyFaces.Outlook#MARGIN} or {@link IdentifyFaces.Outlook#THRESHOLD}
     */
    IdentifyFaces.Outlook assess(
            UUID galleryId, long galleryFaces, float threshold, double targetFpir, String decision) {
        long faces = Math.max(1, galleryFaces);
        double expectedFpir = 1 - rates.confidence(threshold, faces);
        double fnmr = rates.falseNonMatchRate(threshold);
        List<IdentifyFaces.Warning> warnings = new ArrayList<>();
        double requiredRate = targetFpir / faces;
        double calibratedTo = rates.hasTail() ? ImpostorTail.MIN_FALSE_MATCH_RATE : 1e-5;
        if (requiredRate < calibratedTo) {
            warnings.add(new IdentifyFaces.Warning(
                    IdentifyFaces.Warning.BEYOND_CALIBRATION,
                    String.format(
                            Locale.ROOT,
                            "A gallery of %d faces needs a false match rate of %.1e per comparison for %.1f%% FPIR;"
                                    + " model %s is calibrated to %.0e, so more strangers than that will match.",
                            faces,
                            requiredRate,
                            100 * targetFpir,
                            model.id(),
                            calibratedTo)));
        }
        float required = model.thresholds().forIdentification(faces, targetFpir);
        double requiredFnmr = rates.falseNonMatchRate(required);
        if (requiredFnmr > MAX_USEFUL_FNMR) {
            warnings.add(new IdentifyFaces.Warning(
                    IdentifyFaces.Warning.TRUE_MATCHES_LOST,
                    String.format(
                            Locale.ROOT,
                            "At %d faces the threshold %.4f that keeps FPIR at %.1f%% rejects %.0f%% of true matches"
                                    + " with model %s: split the gallery or use a stronger model.",
                            faces,
                            required,
                            100 * targetFpir,
                            100 * requiredFnmr,
                            model.id())));
        }
        if (expectedFpir > 2 * targetFpir) {
            warnings.add(new IdentifyFaces.Warning(
                    IdentifyFaces.Warning.FPIR_ABOVE_TARGET,
                    String.format(
                            Locale.ROOT,
                            "At threshold %.4f about %.1f%% of people who are not enrolled will match someone among"
                                    + " %d faces (target %.1f%%).",
                            threshold,
                            100 * expectedFpir,
                            faces,
                            100 * targetFpir)));
        }
        for (IdentifyFaces.Warning warning : warnings) {
            if (logged.add(galleryId + ":" + warning.code())) {
                log.accept("gallery " + galleryId + ": " + warning.code() + " " + warning.message());
            }
        }
        return new IdentifyFaces.Outlook(
                faces, threshold, decision, expectedFpir, Double.isNaN(fnmr) ? null : 1 - fnmr, warnings);
    }

    /** {@code (1 - FMR(similarity))^N}: 0 for a score strangers reach everywhere, near 1 for one they never reach. */
    double confidence(float similarity, long galleryFaces) {
        return rates.confidence(similarity, galleryFaces);
    }
}
