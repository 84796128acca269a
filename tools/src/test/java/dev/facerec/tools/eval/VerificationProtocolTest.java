package dev.facerec.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.tools.eval.VerificationProtocol.ScoredPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationProtocolTest {
    @Test
    void separableScoresGiveFullAccuracyWithAThresholdInTheGap() {
        List<ScoredPair> pairs = new ArrayList<>();
        for (int fold = 1; fold <= 5; fold++) {
            for (int i = 0; i < 10; i++) {
                pairs.add(new ScoredPair(fold, true, 0.6f + i * 0.01f));
                pairs.add(new ScoredPair(fold, false, 0.1f + i * 0.01f));
            }
        }
        VerificationProtocol.Result result = VerificationProtocol.evaluate(pairs);
        assertThat(result.accuracy()).isEqualTo(1.0);
        assertThat(result.std()).isZero();
        assertThat(result.threshold()).isBetween(0.19, 0.6);
        assertThat(result.tarAtFar1e3()).isEqualTo(1.0);
    }

    @Test
    void anOverlapCostsAccuracyOnlyInItsFold() {
        List<ScoredPair> pairs = new ArrayList<>();
        for (int fold = 1; fold <= 2; fold++) {
            for (int i = 0; i < 50; i++) {
                pairs.add(new ScoredPair(fold, true, 0.8f));
                pairs.add(new ScoredPair(fold, false, 0.2f));
            }
        }
        pairs.add(new ScoredPair(1, false, 0.9f)); // one impostor above every genuine score
        VerificationProtocol.Result result = VerificationProtocol.evaluate(pairs);
        assertThat(result.accuracy()).isCloseTo((100.0 / 101 + 1.0) / 2, within(1e-9));
    }

    @Test
    void thresholdAtFalseMatchRateAcceptsAtMostThatShareOfImpostors() {
        float[] impostors = new float[10_000];
        for (int i = 0; i < impostors.length; i++) {
            impostors[i] = i / 10_000f;
        }
        float threshold = VerificationProtocol.thresholdAtFalseMatchRate(impostors, 1e-3);
        assertThat(VerificationProtocol.acceptRate(impostors, threshold)).isEqualTo(1e-3, within(1e-12));
        float strict = VerificationProtocol.thresholdAtFalseMatchRate(impostors, 1e-4);
        assertThat(strict).isGreaterThan(threshold);
        assertThat(VerificationProtocol.acceptRate(impostors, strict)).isEqualTo(1e-4, within(1e-12));
    }
}
