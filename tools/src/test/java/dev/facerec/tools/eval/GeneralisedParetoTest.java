package dev.facerec.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.face.ImpostorTail;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeneralisedParetoTest {
    @Test
    void theFitRecoversKnownParametersFromSeededSamples() {
        for (double[] truth : new double[][] {{0.04, -0.2}, {0.05, 0.0}, {0.03, 0.25}, {0.02, -0.45}}) {
            GeneralisedPareto source = new GeneralisedPareto(truth[0], truth[1]);
            Random random = new Random(16);
            double[] excesses = new double[10_000];
            for (int i = 0; i < excesses.length; i++) {
                excesses[i] = source.sample(random);
            }
            GeneralisedPareto fit = GeneralisedPareto.fit(excesses);
            assertThat(fit.shape()).as("shape of %s", source).isCloseTo(truth[1], within(0.04));
            assertThat(fit.scale()).as("scale of %s", source).isCloseTo(truth[0], within(truth[0] * 0.06));
        }
    }

    @Test
    void theTailAboveAQuantileOfScoresPredictsTheirFarRates() {
        GeneralisedPareto excess = new GeneralisedPareto(0.04, -0.15);
        Random random = new Random(7);
        float[] scores = new float[500_000];
        for (int i = 0; i < scores.length; i++) {
            // A body below 0.3 and, with probability 1e-2, a GPD tail above it.
            scores[i] = random.nextDouble() < 1e-2
                    ? (float) (0.3 + excess.sample(random))
                    : (float) (0.3 * random.nextDouble());
        }
        Arrays.sort(scores);
        ImpostorTail tail = TailCalibration.fit(scores, 1e-2, "synthetic");
        assertThat(tail.exceedanceRate()).isCloseTo(1e-2, within(1e-3));
        assertThat(tail.shape()).isCloseTo(-0.15, within(0.05));
        float measured = VerificationProtocol.thresholdAtFalseMatchRate(scores, 1e-4);
        assertThat(tail.cosineAt(1e-4)).isCloseTo(measured, within(0.01));
    }

    @Test
    void tooFewOrNonPositiveExcessesAreRefused() {
        assertThatThrownBy(() -> GeneralisedPareto.fit(new double[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneralisedPareto.fit(new double[20])).isInstanceOf(IllegalArgumentException.class);
    }
}
