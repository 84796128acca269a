package dev.facerec.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThresholdsTest {
    private final Thresholds thresholds = new Thresholds(0.3358f, 0.4151f, 0.4809f);

    @Test
    void aSmallGalleryKeepsTheOneToOneThreshold() {
        assertThat(thresholds.forIdentification(1, 0.01)).isEqualTo(0.3358f);
        assertThat(thresholds.forIdentification(10, 0.01)).isEqualTo(0.3358f);
    }

    @Test
    void theThresholdRisesWithTheGallerySoThatFalseIdentificationsStayNearTheTarget() {
        assertThat(thresholds.forIdentification(100, 0.01)).isCloseTo(0.4151f, within(1e-4f));
        assertThat(thresholds.forIdentification(1000, 0.01)).isCloseTo(0.4809f, within(1e-4f));
        float between = thresholds.forIdentification(806, 0.01);
        assertThat(between).isBetween(0.4151f, 0.4809f);
        // log10(0.01 / 806) = -4.906: nine tenths of the way from the 1e-4 point to the 1e-5 point.
        assertThat(between).isCloseTo(0.4151f + 0.906f * (0.4809f - 0.4151f), within(1e-3f));
    }

    @Test
    void beyondTheCalibratedRangeTheStrictestPointHolds() {
        assertThat(thresholds.forIdentification(1_000_000, 0.01)).isEqualTo(0.4809f);
    }

    @Test
    void withoutAnFmr1e5PointItIsExtrapolatedAndThresholdsNeverDecrease() {
        Thresholds two = new Thresholds(0.30f, 0.40f);
        assertThat(two.fmr1e5()).isCloseTo(0.50f, within(1e-6f));
        assertThatThrownBy(() -> new Thresholds(0.4f, 0.3f, 0.5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> thresholds.forIdentification(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
