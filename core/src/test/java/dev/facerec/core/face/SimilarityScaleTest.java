package dev.facerec.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityScaleTest {
    private final Thresholds thresholds = new Thresholds(0.3358f, 0.4151f, 0.4809f);
    private final SimilarityScale scale = SimilarityScale.calibrated(0.10f, 0.22f, thresholds);

    @Test
    void theStandardThresholdIsExactlyPointEight() {
        assertThat(scale.similarity(thresholds.standard())).isEqualTo(0.8);
        assertThat(scale.similarity(Math.nextDown(thresholds.standard()))).isLessThan(0.8);
        assertThat(scale.falseMatchRate(0.8)).isEqualTo(1e-3);
        assertThat(scale.cosine(0.8)).isEqualTo(thresholds.standard());
    }

    @Test
    void everyAnchorMapsToItsSimilarityAndFalseMatchRate() {
        assertThat(scale.anchors())
                .extracting(SimilarityScale.Anchor::similarity)
                .containsExactly(0.5, 0.65, 0.8, 0.9, 0.95);
        assertThat(scale.anchors())
                .extracting(SimilarityScale.Anchor::falseMatchRate)
                .containsExactly(1e-1, 1e-2, 1e-3, 1e-4, 1e-5);
        assertThat(scale.anchors())
                .extracting(SimilarityScale.Anchor::cosine)
                .containsExactly((double) 0.10f, (double) 0.22f, (double) 0.3358f, (double) 0.4151f, (double) 0.4809f);
        for (SimilarityScale.Anchor anchor : scale.anchors()) {
            assertThat(scale.similarity((float) anchor.cosine())).isEqualTo(anchor.similarity());
            assertThat(scale.falseMatchRate(anchor.similarity())).isCloseTo(anchor.falseMatchRate(), within(1e-15));
        }
    }

    @Test
    void theEndsAreZeroAndOneAndCosinesARoundingErrorOutsideAreClamped() {
        assertThat(scale.similarity(-1f)).isZero();
        assertThat(scale.similarity(1f)).isEqualTo(1.0);
        assertThat(scale.similarity(-1.0000001f)).isZero();
        assertThat(scale.similarity(1.0000001f)).isEqualTo(1.0);
        assertThat(scale.falseMatchRate(0)).isEqualTo(1.0);
        assertThatThrownBy(() -> scale.similarity(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scale.falseMatchRate(1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scale.cosine(-0.01)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strictlyIncreasingAndContinuousOverEveryFloatStepAcrossTheRange() {
        double previous = -1;
        double largestJump = 0;
        for (float cosine = -1f; cosine <= 1f; cosine += 1e-4f) {
            double similarity = scale.similarity(cosine);
            assertThat(similarity).isGreaterThan(previous).isBetween(0.0, 1.0);
            if (previous >= 0) {
                largestJump = Math.max(largestJump, similarity - previous);
            }
            previous = similarity;
        }
        // The steepest segment (0.9 to 0.95 over 0.0658 of cosine) rises 0.76 per unit: no step may jump.
        assertThat(largestJump).isLessThan(1e-3);
        for (SimilarityScale.Anchor anchor : scale.anchors()) {
            float at = (float) anchor.cosine();
            assertThat(scale.similarity(Math.nextUp(at)) - scale.similarity(Math.nextDown(at)))
                    .isPositive()
                    .isLessThan(1e-6);
        }
    }

    @Test
    void betweenAnchorsTheCosineIsInterpolatedInLogFalseMatchRate() {
        // Halfway between the 1e-3 and 1e-4 cosines is halfway in log10(FMR): similarity 0.85, FMR 10^-3.5.
        float halfway = (0.3358f + 0.4151f) / 2;
        assertThat(scale.similarity(halfway)).isCloseTo(0.85, within(1e-6));
        assertThat(scale.falseMatchRate(0.85)).isCloseTo(Math.pow(10, -3.5), within(1e-9));
        assertThat(scale.falseMatchRate(0.25)).isCloseTo(Math.pow(10, -0.5), within(1e-9));
        assertThat(scale.falseMatchRate(1.0)).isCloseTo(1e-6, within(1e-15));
    }

    @Test
    void falseMatchRateAndCosineInvertTheScale() {
        double previousRate = 2;
        for (int step = 0; step <= 1000; step++) {
            double similarity = step / 1000.0;
            double rate = scale.falseMatchRate(similarity);
            assertThat(rate).isLessThan(previousRate);
            previousRate = rate;
            double cosine = scale.cosine(similarity);
            assertThat(scale.similarity((float) cosine)).isCloseTo(similarity, within(1e-6));
        }
        for (float cosine = -0.99f; cosine < 1f; cosine += 0.01f) {
            assertThat(scale.cosine(scale.similarity(cosine))).isCloseTo(cosine, within(1e-6));
        }
    }

    @Test
    void theEstimatedFallbackPutsTheLenientAnchorsBelowTheStandardOne() {
        SimilarityScale estimated = SimilarityScale.estimated(thresholds);
        List<Double> cosines =
                estimated.anchors().stream().map(SimilarityScale.Anchor::cosine).toList();
        assertThat(cosines).isSorted().doesNotHaveDuplicates();
        assertThat(estimated.similarity(thresholds.standard())).isEqualTo(0.8);
        assertThat(estimated.similarity(thresholds.strict())).isEqualTo(0.9);
        // A normal tail through (1e-3, 0.3358) and (1e-4, 0.4151): spread 0.1261, mean -0.0539.
        assertThat(cosines.get(1)).isCloseTo(-0.0539 + 2.3263 * 0.1261, within(1e-3));
        assertThat(cosines.get(0)).isCloseTo(-0.0539 + 1.2816 * 0.1261, within(1e-3));
    }

    @Test
    void equalCalibratedThresholdsStillGiveAStrictlyIncreasingScaleWithPointEightInPlace() {
        Thresholds flat = new Thresholds(0.4f, 0.4f, 0.4f);
        SimilarityScale tied = SimilarityScale.calibrated(0.4f, 0.4f, flat);
        assertThat(tied.similarity(0.4f)).isEqualTo(0.8);
        assertThat(tied.anchors().stream().map(SimilarityScale.Anchor::cosine).toList())
                .isSorted()
                .doesNotHaveDuplicates();
        SimilarityScale estimated = SimilarityScale.estimated(flat);
        assertThat(estimated.similarity(0.4f)).isEqualTo(0.8);
        assertThat(estimated.similarity(0.3f)).isLessThan(0.5);
    }

    @Test
    void lenientCosinesAboveTheStandardOneAreRefused() {
        assertThatThrownBy(() -> SimilarityScale.calibrated(0.2f, 0.34f, thresholds))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1e-2");
        assertThatThrownBy(() -> SimilarityScale.calibrated(0.25f, 0.2f, thresholds))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimilarityScale.calibrated(-1f, 0.2f, thresholds))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecognitionModelRefusesAScaleWhosePointEightIsNotItsStandardThreshold() {
        SimilarityScale other = SimilarityScale.calibrated(0.1f, 0.2f, new Thresholds(0.3f, 0.4f, 0.5f));
        assertThatThrownBy(() -> new RecognitionModel("m", 4, thresholds, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.8");
        assertThat(new RecognitionModel("m", 4, thresholds, scale).similarityScale())
                .isEqualTo(scale);
        assertThat(new RecognitionModel("m", 4, thresholds).similarityScale())
                .isEqualTo(SimilarityScale.estimated(thresholds));
    }
}
