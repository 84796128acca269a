package dev.facerec.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MatchRatesTest {
    private final MatchRates withTail =
            new MatchRates(new RecognitionModel("tail-512", 512, ImpostorTailTest.WITH_TAIL));
    private final MatchRates without =
            new MatchRates(new RecognitionModel("plain-512", 512, new Thresholds(0.3358f, 0.4151f, 0.4809f)));

    @Test
    void theFalseMatchRateIsContinuousAtTheTailAndNeverRisesWithTheCosine() {
        assertThat(withTail.falseMatchRate(0.3358 + 1e-7)).isCloseTo(1e-3, within(1e-6));
        assertThat(withTail.falseMatchRate(0.3358)).isCloseTo(1e-3, within(1e-6));
        double previous = 1;
        for (double cosine = -1; cosine <= 1; cosine += 0.001) {
            double rate = withTail.falseMatchRate(cosine);
            assertThat(rate).as("cosine %f", cosine).isLessThanOrEqualTo(previous);
            assertThat(without.falseMatchRate(cosine)).isBetween(0.0, 1.0);
            previous = rate;
        }
        // Below the tail both follow the similarity scale.
        assertThat(withTail.falseMatchRate(0.2)).isEqualTo(without.falseMatchRate(0.2));
    }

    @Test
    void theGenuineRateIsUnknownWithoutQuantiles() {
        assertThat(without.falseNonMatchRate(0.5)).isNaN();
        assertThat(withTail.falseNonMatchRate(0.75)).isEqualTo(0.5);
    }
}
