package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.face.Thresholds;
import org.junit.jupiter.api.Test;

class IdentificationDecisionTest {
    /** The default pack's calibration (faceplugin-512): one decade of FMR is 0.0793 of cosine. */
    private static final Thresholds PACK = new Thresholds(0.3358f, 0.4151f, 0.4809f);

    private static final float THRESHOLD = 0.4747f; // the pack's default at 806 faces

    private final IdentificationDecision decision = IdentificationDecision.of(PACK);

    @Test
    void theDefaultsAreScaledToTheModelsDecadeOfFalseMatchRate() {
        assertThat(decision.cohort()).isEqualTo(9);
        assertThat(decision.candidatesNeeded()).isEqualTo(10);
        assertThat(decision.minMargin()).isCloseTo(2.45f * 0.0793f, within(1e-4f));
        assertThat(decision.slack()).isCloseTo(0.5f * 0.0793f, within(1e-4f));
        assertThat(decision.lowestMatch(THRESHOLD)).isCloseTo(THRESHOLD - 0.0397f, within(1e-4f));
    }

    @Test
    void aGenuineLookingListIsAcceptedEvenALittleBelowTheRawThreshold() {
        float[] standsOut = {0.46f, 0.20f, 0.19f, 0.18f, 0.17f, 0.16f, 0.15f, 0.14f, 0.13f, 0.12f};

        assertThat(decision.margin(standsOut)).isCloseTo(0.46 - 0.16, within(1e-6));
        assertThat(decision.matches(standsOut, THRESHOLD, 806))
                .as("below the raw threshold 0.4747 but within the slack, and far above the others")
                .isTrue();
        float[] tooLow = standsOut.clone();
        tooLow[0] = 0.43f;
        assertThat(decision.matches(tooLow, THRESHOLD, 806))
                .as("below the slack")
                .isFalse();
    }

    @Test
    void aFlatImpostorListIsRefusedEvenAboveTheRawThreshold() {
        float[] flat = {0.55f, 0.50f, 0.49f, 0.48f, 0.47f, 0.46f, 0.45f, 0.44f, 0.43f, 0.42f};

        assertThat(flat[0]).isGreaterThan(THRESHOLD);
        assertThat(decision.matches(flat, THRESHOLD, 806))
                .as("someone who resembles ten enrolled people about equally")
                .isFalse();
    }

    @Test
    void theMarginShrinksSlowlyAsTheGalleryGrows() {
        float[] list = {0.60f, 0.41f, 0.40f, 0.40f, 0.40f, 0.40f, 0.40f, 0.40f, 0.40f, 0.40f};

        assertThat(decision.minMarginAt(IdentificationDecision.REFERENCE_FACES)).isEqualTo(decision.minMargin());
        assertThat(decision.minMarginAt(100)).isCloseTo(decision.minMargin() * (float) Math.sqrt(1.5), within(1e-5f));
        assertThat(decision.minMarginAt(1_000_000))
                .isCloseTo(decision.minMargin() * (float) Math.sqrt(0.5), within(1e-5f));
        assertThat(decision.minMarginAt(1)).as("held at the cohort's size").isEqualTo(decision.minMarginAt(10));
        // margin 0.199: short of the 0.238 that 100 faces ask for, enough for the 0.194 of 1000.
        assertThat(decision.matches(list, 0.40f, 100)).isFalse();
        assertThat(decision.matches(list, 0.40f, 1000)).isTrue();
    }

    @Test
    void tooFewPersonsToCompareWithIsTheRawDecision() {
        assertThat(decision.matches(new float[] {0.48f, 0.47f}, THRESHOLD, 2)).isTrue();
        assertThat(decision.matches(new float[] {0.47f}, THRESHOLD, 1)).isFalse();
        assertThat(decision.matches(new float[0], THRESHOLD, 0)).isFalse();
        assertThat(decision.margin(new float[] {0.9f, 0.1f})).isNaN();
    }

    @Test
    void refusesBadParametersAndUnorderedLists() {
        assertThatThrownBy(() -> new IdentificationDecision(0, 0.2f, 0.04f)).hasMessageContaining("cohort");
        assertThatThrownBy(() -> new IdentificationDecision(9, 0f, 0.04f)).hasMessageContaining("minMargin");
        assertThatThrownBy(() -> new IdentificationDecision(9, Float.NaN, 0.04f))
                .hasMessageContaining("minMargin");
        assertThatThrownBy(() -> new IdentificationDecision(9, 0.2f, -0.01f)).hasMessageContaining("slack");
        assertThatThrownBy(() -> new IdentificationDecision(9, 0.2f, 1f)).hasMessageContaining("slack");
        assertThatThrownBy(() -> IdentificationDecision.of(new Thresholds(0.4f, 0.4f, 0.5f)))
                .hasMessageContaining("decade");
        assertThatThrownBy(() -> decision.matches(new float[] {0.3f, 0.5f}, THRESHOLD, 2))
                .hasMessageContaining("best first");
    }
}
