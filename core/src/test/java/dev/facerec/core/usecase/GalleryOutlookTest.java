package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.face.GenuineScores;
import dev.facerec.core.face.ImpostorTail;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.face.Thresholds;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GalleryOutlookTest {
    private static final GenuineScores GENUINE = new GenuineScores(List.of(
            new GenuineScores.Quantile(0.01, 0.33),
            new GenuineScores.Quantile(0.1, 0.55),
            new GenuineScores.Quantile(0.5, 0.60),
            new GenuineScores.Quantile(0.9, 0.8)));
    private static final Thresholds THRESHOLDS = new Thresholds(
            0.3358f, 0.4151f, 0.4809f, new ImpostorTail(0.3358, 1e-3, 0.040, -0.10, 18_891_934, "test"), GENUINE);
    private final GalleryOutlook outlook = new GalleryOutlook(new RecognitionModel("tail-512", 512, THRESHOLDS));
    private static final String M = IdentifyFaces.Outlook.MARGIN;
    private final UUID gallery = UUID.randomUUID();

    @Test
    void atTheDefaultThresholdTheExpectedFpirIsTheTargetAndThereIsNoWarning() {
        for (long faces : new long[] {100, 1000, 10_000}) {
            float threshold = IdentifyFaces.defaultThreshold(THRESHOLDS, faces);
            IdentifyFaces.Outlook result = outlook.assess(gallery, faces, threshold, 0.01, M);
            assertThat(result.expectedFpir()).as("%d faces", faces).isBetween(0.004, 0.02);
            assertThat(result.expectedTpir()).isBetween(0.5, 1.0);
            assertThat(result.warnings()).isEmpty();
        }
    }

    @Test
    void aGalleryTooLargeForTheModelIsWarnedAbout() {
        long faces = 1_000_000;
        IdentifyFaces.Outlook result =
                outlook.assess(gallery, faces, IdentifyFaces.defaultThreshold(THRESHOLDS, faces), 0.01, M);
        assertThat(result.warnings())
                .extracting(IdentifyFaces.Warning::code)
                .containsExactly(IdentifyFaces.Warning.TRUE_MATCHES_LOST);
        assertThat(result.expectedTpir()).isLessThan(0.5);
        IdentifyFaces.Outlook lenient = outlook.assess(gallery, faces, 0.3358f, 0.01, M);
        assertThat(lenient.expectedFpir()).isGreaterThan(0.99);
        assertThat(lenient.warnings())
                .extracting(IdentifyFaces.Warning::code)
                .contains(IdentifyFaces.Warning.FPIR_ABOVE_TARGET);
        IdentifyFaces.Outlook beyond = outlook.assess(gallery, 100_000_000_000L, 0.9f, 0.01, M);
        assertThat(beyond.warnings())
                .extracting(IdentifyFaces.Warning::code)
                .contains(IdentifyFaces.Warning.BEYOND_CALIBRATION);
    }

    @Test
    void confidenceIsInTheUnitIntervalRisesWithTheScoreAndFallsWithTheGallery() {
        double previous = 0;
        for (float cosine = -1; cosine <= 1; cosine += 0.01f) {
            double confidence = outlook.confidence(cosine, 1000);
            assertThat(confidence).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            previous = confidence;
        }
        float threshold = IdentifyFaces.defaultThreshold(THRESHOLDS, 1000);
        assertThat(outlook.confidence(threshold, 1000)).isCloseTo(0.99, within(0.005));
        assertThat(outlook.confidence(0.5f, 100_000)).isLessThan(outlook.confidence(0.5f, 100));
    }

    @Test
    void eachWarningIsLoggedOncePerGalleryHoweverOftenItIsAnswered() {
        List<String> lines = new java.util.ArrayList<>();
        GalleryOutlook logging = new GalleryOutlook(new RecognitionModel("tail-512", 512, THRESHOLDS), lines::add);
        UUID other = UUID.randomUUID();
        long faces = 1_000_000;
        float threshold = IdentifyFaces.defaultThreshold(THRESHOLDS, faces);
        for (int i = 0; i < 5; i++) {
            assertThat(logging.assess(gallery, faces, threshold, 0.01, M).warnings())
                    .hasSize(1);
        }
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).contains(gallery.toString(), IdentifyFaces.Warning.TRUE_MATCHES_LOST);
        logging.assess(other, faces, threshold, 0.01, M);
        logging.assess(gallery, faces, 0.3358f, 0.01, M);
        assertThat(lines)
                .as("a second gallery, and a new warning for the first, are logged; repeats are not")
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).contains(other.toString()))
                .anySatisfy(line -> assertThat(line).contains(IdentifyFaces.Warning.FPIR_ABOVE_TARGET));
        logging.assess(other, 100, IdentifyFaces.defaultThreshold(THRESHOLDS, 100), 0.01, M);
        assertThat(lines).as("no warning, nothing logged").hasSize(3);
    }
}
