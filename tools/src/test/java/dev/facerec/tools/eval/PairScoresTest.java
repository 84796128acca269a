package dev.facerec.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.face.Embedding;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PairScoresTest {
    @Test
    void pairsOfOnePersonAreGenuineAndEveryOtherPairIsAnImpostorSortedAscending() {
        Map<Path, Optional<Embedding>> embeddings = new LinkedHashMap<>();
        embeddings.put(Path.of("images/ann/1.jpg"), Optional.of(unit(1, 0)));
        embeddings.put(Path.of("images/ann/2.jpg"), Optional.of(unit(0.8f, 0.6f)));
        embeddings.put(Path.of("images/bob/1.jpg"), Optional.of(unit(0, 1)));
        embeddings.put(Path.of("images/bob/2.jpg"), Optional.empty()); // no face: no pair
        embeddings.put(Path.of("images/cid/1.jpg"), Optional.of(unit(-1, 0)));

        PairScores scores = PairScores.of(embeddings);

        assertThat(scores.genuines()).containsExactly(0.8f);
        // ann/1-bob 0, ann/1-cid -1, ann/2-bob 0.6, ann/2-cid -0.8, bob-cid 0
        assertThat(scores.impostors()).containsExactly(-1f, -0.8f, 0f, 0f, 0.6f);
        assertThat(scores.falseMatchRate(0f)).isCloseTo(0.6, within(1e-9));
        assertThat(scores.falseMatchRate(0.61f)).isZero();
        assertThat(scores.falseMatchRate(-1f)).isEqualTo(1.0);
        assertThat(scores.falseNonMatchRate(0.81f)).isEqualTo(1.0);
        assertThat(scores.falseNonMatchRate(0.8f)).isZero();
        // 1 of 5 impostors (20%) may be accepted: the threshold sits just above the second highest.
        assertThat(scores.thresholdAtFalseMatchRate(0.2)).isEqualTo(Math.nextUp(0f));
    }

    @Test
    void compreFacesArcFaceSimilarityIsInvertedToTheCosine() {
        // (tanh((c0 - d) * c1) + 1) / 2 is 0.5 where d = c0 = 1.26538905: cosine 1 - c0^2 / 2.
        assertThat(SimilarityTable.compreFaceCosine(0.5)).isCloseTo(1 - 1.26538905 * 1.26538905 / 2, within(1e-12));
        double cosine = SimilarityTable.compreFaceCosine(0.8);
        double distance = Math.sqrt(2 - 2 * cosine);
        assertThat((Math.tanh((1.26538905 - distance) * 5.552089201) + 1) / 2).isCloseTo(0.8, within(1e-12));
    }

    private static Embedding unit(float x, float y) {
        return Embedding.normalised(new float[] {x, y}, "test");
    }
}
