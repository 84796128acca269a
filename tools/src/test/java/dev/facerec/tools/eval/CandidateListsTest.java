package dev.facerec.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.face.Embedding;
import dev.facerec.tools.eval.CandidateLists.Aggregation;
import dev.facerec.tools.eval.CandidateLists.AtSize;
import dev.facerec.tools.eval.CandidateLists.Candidates;
import dev.facerec.tools.eval.IdentificationProtocol.Face;
import dev.facerec.tools.eval.IdentificationProtocol.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateListsTest {
    @Test
    void eachSizeListsThePersonsBestFirstUnderEachAggregation() {
        // Probe of ann at 0 degrees; ann enrolled at 10, bob at 30, and a further face of ann at 80 (a distractor).
        Split split = new Split(
                1,
                List.of(face("ann", 10), face("bob", 30), face("ann", 80)),
                List.of(face("ann", 0), face("bob", 35)),
                List.of(face("cid", 20)));

        List<AtSize> sizes = CandidateLists.of(split, new int[] {2, 3}, 5);

        AtSize two = sizes.get(0);
        assertThat(two.size()).isEqualTo(2);
        assertThat(two.people()).isEqualTo(2);
        Candidates ann = two.genuine().get(Aggregation.MAX)[0];
        assertThat(ann.firstIsRight()).isTrue();
        assertThat(ann.scores()[0]).isCloseTo(cos(10), within(1e-6f));
        assertThat(ann.scores()[1]).isCloseTo(cos(30), within(1e-6f));
        assertThat(two.genuine().get(Aggregation.MAX)).hasSize(2);
        Candidates cid = two.impostor().get(Aggregation.MAX)[0];
        assertThat(cid.firstIsRight()).as("a stranger has no right candidate").isFalse();
        assertThat(cid.scores()).containsExactly(cos(10), cos(10));

        AtSize three = sizes.get(1);
        assertThat(three.people()).isEqualTo(2);
        assertThat(three.genuine().get(Aggregation.MAX)[0].scores()[0])
                .as("a person is scored by its best face")
                .isCloseTo(cos(10), within(1e-6f));
        Candidates mean = three.genuine().get(Aggregation.MEAN)[0];
        assertThat(mean.scores()[0])
                .as("bob's single face now beats ann's mean")
                .isCloseTo(cos(30), within(1e-6f));
        assertThat(mean.scores()[1]).isCloseTo((cos(10) + cos(80)) / 2, within(1e-6f));
        assertThat(mean.firstIsRight()).isFalse();
        assertThat(three.genuine().get(Aggregation.TOP2_MEAN)[0].firstIsRight()).isFalse();

        List<AtSize> shallow = CandidateLists.of(split, new int[] {3}, 1);
        assertThat(shallow.getFirst().genuine().get(Aggregation.MAX)[0].scores())
                .hasSize(1);
    }

    private static float cos(double degrees) {
        return (float) Math.cos(Math.toRadians(degrees));
    }

    private static Face face(String person, double degrees) {
        double radians = Math.toRadians(degrees);
        return new Face(
                person,
                Embedding.normalised(new float[] {(float) Math.cos(radians), (float) Math.sin(radians)}, "test"));
    }
}
