package dev.facerec.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImpostorTailTest {
    /** Roughly the default pack's tail: u at FMR 1e-3, a bounded (negative-shape) tail. */
    static final ImpostorTail TAIL = new ImpostorTail(0.3358, 1e-3, 0.040, -0.10, 18_891_934, "test");

    static final Thresholds WITH_TAIL = new Thresholds(
            0.3358f,
            0.4151f,
            0.4809f,
            TAIL,
            new GenuineScores(List.of(
                    new GenuineScores.Quantile(0.01, 0.33),
                    new GenuineScores.Quantile(0.1, 0.55),
                    new GenuineScores.Quantile(0.5, 0.75))));

    @Test
    void theCosineAtARateInvertsTheRateAndTheTailEndsWhereTheShapeSays() {
        for (double rate : new double[] {1e-3, 1e-5, 1e-7, 1e-9}) {
            assertThat(TAIL.falseMatchRate(TAIL.cosineAt(rate))).isCloseTo(rate, within(rate * 1e-9));
        }
        assertThat(TAIL.cosineAt(1e-3)).isEqualTo(0.3358);
        assertThat(TAIL.falseMatchRate(0.3358 + 0.040 / 0.10 + 1e-6)).isZero();
        assertThatThrownBy(() -> TAIL.cosineAt(1e-2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTailOutsideItsDomainIsRefused() {
        assertThatThrownBy(() -> new ImpostorTail(1.2, 1e-3, 0.04, -0.1, 1000, ""))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> new ImpostorTail(0.3, 0, 0.04, -0.1, 1000, "")).hasMessageContaining("exceedance");
        assertThatThrownBy(() -> new ImpostorTail(0.3, 1e-3, 0, -0.1, 1000, "")).hasMessageContaining("scale");
        assertThatThrownBy(() -> new ImpostorTail(0.3, 1e-3, 0.04, -1.5, 1000, ""))
                .hasMessageContaining("shape");
        assertThatThrownBy(() -> new ImpostorTail(0.3, 1e-3, 0.04, -0.1, 10, ""))
                .hasMessageContaining("pairs");
        assertThatThrownBy(() -> new Thresholds(
                        0.3358f, 0.4151f, 0.4809f, new ImpostorTail(0.5, 1e-6, 0.04, -0.1, 100_000_000, ""), null))
                .hasMessageContaining("1e-5");
    }

    @Test
    void identificationThresholdsAreContinuousAtFmr1e5AndRiseDownTo1e9() {
        assertThat(WITH_TAIL.forIdentification(1000, 0.01)).isCloseTo(0.4809f, within(1e-6f));
        assertThat(WITH_TAIL.forIdentification(1001, 0.01)).isCloseTo(0.4809f, within(1e-4f));
        assertThat(WITH_TAIL.atFalseMatchRate(1e-5 * (1 - 1e-9))).isCloseTo(0.4809f, within(1e-6f));
        float previous = WITH_TAIL.forIdentification(1, 0.01);
        for (long faces = 2; faces <= 10_000_000; faces = faces * 11 / 10 + 1) {
            float threshold = WITH_TAIL.forIdentification(faces, 0.01);
            assertThat(threshold).as("%d faces", faces).isGreaterThanOrEqualTo(previous);
            previous = threshold;
        }
        float at1e8 = WITH_TAIL.forIdentification(1_000_000, 0.01);
        float at1e9 = WITH_TAIL.forIdentification(10_000_000, 0.01);
        assertThat(at1e8).isGreaterThan(0.4809f + 0.05f);
        assertThat(at1e9).isGreaterThan(at1e8);
        // Held where FMR 1e-9 puts it beyond that.
        assertThat(WITH_TAIL.forIdentification(1_000_000_000, 0.01)).isEqualTo(at1e9);
        // Without a tail: today's behaviour.
        Thresholds without = new Thresholds(0.3358f, 0.4151f, 0.4809f);
        assertThat(without.forIdentification(1_000_000, 0.01)).isEqualTo(0.4809f);
        assertThat(without.forIdentification(806, 0.01)).isEqualTo(WITH_TAIL.forIdentification(806, 0.01));
    }

    @Test
    void genuineQuantilesInterpolateAndRefuseDisorder() {
        GenuineScores genuine = WITH_TAIL.genuine();
        assertThat(genuine.falseNonMatchRate(0.55)).isEqualTo(0.1);
        assertThat(genuine.falseNonMatchRate(0.65)).isCloseTo(0.3, within(1e-9));
        assertThat(genuine.falseNonMatchRate(-1)).isZero();
        assertThat(genuine.falseNonMatchRate(1)).isEqualTo(1);
        assertThatThrownBy(() -> new GenuineScores(
                        List.of(new GenuineScores.Quantile(0.1, 0.5), new GenuineScores.Quantile(0.2, 0.4))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
