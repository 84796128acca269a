package dev.facerec.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.face.Embedding;
import dev.facerec.tools.eval.IdentificationProtocol.Face;
import dev.facerec.tools.eval.IdentificationProtocol.Scores;
import dev.facerec.tools.eval.IdentificationProtocol.Split;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IdentificationProtocolTest {
    @Test
    void strangersAreOnlyProbesAndEveryEnrolledPersonHoldsOneFaceOutAndHeadsTheGalleryWithAnother() {
        Map<String, List<Embedding>> people = new TreeMap<>();
        people.put("ann", List.of(unit(0), unit(1), unit(2)));
        people.put("bob", List.of(unit(3), unit(4)));
        people.put("cid", List.of(unit(5)));
        people.put("dan", List.of(unit(6)));
        people.put("eve", List.of(unit(7), unit(8), unit(9), unit(10)));

        Split split = IdentificationProtocol.split(people, 7);

        assertThat(split.impostorProbes()).extracting(Face::person).containsExactly("cid", "dan");
        assertThat(split.genuineProbes()).extracting(Face::person).containsExactlyInAnyOrder("ann", "bob", "eve");
        assertThat(split.gallery()).hasSize(9 - 3);
        assertThat(split.gallery().subList(0, 3))
                .as("one face of each enrolled person first, in probe order")
                .extracting(Face::person)
                .containsExactlyElementsOf(
                        split.genuineProbes().stream().map(Face::person).toList());
        assertThat(split.gallery()).extracting(Face::person).doesNotContain("cid", "dan");
        Set<Embedding> used = Collections.newSetFromMap(new IdentityHashMap<>());
        Stream.of(split.gallery(), split.genuineProbes(), split.impostorProbes())
                .flatMap(List::stream)
                .forEach(face -> assertThat(used.add(face.embedding()))
                        .as("no face is both probe and gallery, or used twice")
                        .isTrue());
        assertThat(used).hasSize(11);
        for (Face face : split.gallery()) {
            assertThat(people.get(face.person())).as("a face keeps its person").contains(face.embedding());
        }
        Split again = IdentificationProtocol.split(people, 7);
        assertThat(again.gallery()).extracting(Face::embedding).containsExactlyElementsOf(embeddings(split.gallery()));
        assertThat(again.genuineProbes())
                .extracting(Face::embedding)
                .containsExactlyElementsOf(embeddings(split.genuineProbes()));
        List<List<Embedding>> orders = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            orders.add(embeddings(IdentificationProtocol.split(people, seed).gallery()));
        }
        assertThat(orders.stream().distinct()).as("the seed chooses the split").hasSizeGreaterThan(1);
    }

    @Test
    void eachGallerySizeScoresItsOwnPrefixWithTheProbesOfThePeopleItEnrols() {
        // Unit vectors at angles: cosines 1, 0.8 (36.87 degrees), 0.6, 0 and so on.
        Face annEnrolled = face("ann", 1, 0);
        Face bobEnrolled = face("bob", 0, 1);
        Face annExtra = face("ann", 0.6f, 0.8f);
        Split split = new Split(
                1,
                List.of(annEnrolled, bobEnrolled, annExtra),
                List.of(face("ann", 0.8f, 0.6f), face("bob", 0.6f, 0.8f)),
                List.of(face("x", -1, 0), face("y", 0.8f, -0.6f), face("z", 0, -1)));

        List<Scores> scores = IdentificationProtocol.score(split, new int[] {1, 2, 3});

        Scores one = scores.get(0);
        assertThat(one.people()).isEqualTo(1);
        assertThat(one.genuineBest())
                .as("bob is not enrolled yet: only ann is probed")
                .containsExactly(0.8f);
        assertThat(one.impostorBest()).containsExactly(-1f, 0.8f, 0f);
        assertThat(one.rank1()).isEqualTo(1.0);
        assertThat(one.tpir(0.8f)).isEqualTo(1.0);
        assertThat(one.tpir(0.81f)).isZero();
        assertThat(one.fpir(0.8f)).isCloseTo(1 / 3.0, within(1e-9));

        Scores two = scores.get(1);
        assertThat(two.people()).isEqualTo(2);
        // bob's probe (0.6, 0.8) is nearer bob (0.8) than ann (0.6); ann's probe nearer ann (0.8) than bob (0.6).
        assertThat(two.genuineBest()).containsExactly(0.8f, 0.8f);
        assertThat(two.genuineRight()).containsExactly(true, true);

        Scores three = scores.get(2);
        assertThat(three.people()).isEqualTo(2);
        assertThat(three.genuineBest()[1])
                .as("ann's extra face equals bob's probe")
                .isCloseTo(1f, within(1e-6f));
        assertThat(three.genuineRight())
                .as("bob's probe now finds ann first: a rank-1 miss")
                .containsExactly(true, false);
        assertThat(three.rank1()).isEqualTo(0.5);
        assertThat(three.tpir(0.5f))
                .as("a wrong person above the threshold is not found")
                .isEqualTo(0.5);
        assertThat(three.fpir(0.5f)).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(three.fpir(-1f)).isEqualTo(1.0);
    }

    @Test
    void theFirstEnrolledProtocolEnrolsEachPersonsFirstFaceAndProbesWithAllTheOthers() {
        Map<String, List<Embedding>> people = new TreeMap<>();
        people.put("bob", List.of(unit(3), unit(4)));
        people.put("ann", List.of(unit(0), unit(1), unit(2)));
        people.put("cid", List.of(unit(5)));

        Split split = IdentificationProtocol.firstEnrolled(people);

        assertThat(split.gallery()).extracting(Face::person).containsExactly("ann", "bob");
        assertThat(embeddings(split.gallery()))
                .containsExactly(people.get("ann").get(0), people.get("bob").get(0));
        assertThat(split.genuineProbes()).extracting(Face::person).containsExactly("ann", "ann", "bob");
        assertThat(embeddings(split.genuineProbes()))
                .containsExactly(
                        people.get("ann").get(1),
                        people.get("ann").get(2),
                        people.get("bob").get(1));
        assertThat(split.impostorProbes()).extracting(Face::person).containsExactly("cid");
        assertThat(split.probed(1)).as("only ann enrolled: her two probes").isEqualTo(2);
        assertThat(split.probed(2)).isEqualTo(3);
        assertThat(IdentificationProtocol.score(split, new int[] {1, 2}))
                .extracting(scores -> scores.genuineBest().length)
                .containsExactly(2, 3);
    }

    @Test
    void probesMustFollowTheOrderTheirPeopleAreEnrolledIn() {
        assertThatThrownBy(() -> new Split(
                        1,
                        List.of(face("ann", 1, 0), face("bob", 0, 1)),
                        List.of(face("bob", 0, 1), face("ann", 1, 0)),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Split(1, List.of(face("ann", 1, 0)), List.of(face("bob", 0, 1)), List.of()))
                .hasMessageContaining("never enrolled");
    }

    @Test
    void theThresholdAtAnFpirAdmitsAtMostThatShareOfTheImpostorProbes() {
        float[] impostors = {0.1f, 0.9f, 0.2f, 0.3f, 0.7f, 0.4f, 0.5f, 0.6f, 0.35f, 0.8f};
        Scores scores = new Scores(10, 10, new float[0], new boolean[0], impostors);

        float atTenPercent = scores.thresholdAtFpir(0.1);
        assertThat(atTenPercent).as("just above the second highest").isEqualTo(Math.nextUp(0.8f));
        assertThat(scores.fpir(atTenPercent)).isCloseTo(0.1, within(1e-9));
        assertThat(scores.fpir(0.8f)).as("one step lower admits two").isCloseTo(0.2, within(1e-9));
        float atOnePercent = scores.thresholdAtFpir(0.01);
        assertThat(atOnePercent).as("ten probes cannot show 1%: none may pass").isEqualTo(Math.nextUp(0.9f));
        assertThat(scores.fpir(atOnePercent)).isZero();
        assertThat(scores.tpir(0.5f)).as("no genuine probes").isNaN();
    }

    @Test
    void sizesAscendAreCappedAtTheLargestGalleryAndMustFitIt() {
        assertThat(IdentificationEvaluation.sizes("3000, max,100,1000,5000", 3419))
                .containsExactly(100, 1000, 3000, 3419);
        assertThatThrownBy(() -> IdentificationEvaluation.sizes("0,10", 20))
                .isInstanceOf(IllegalArgumentException.class);
        Split split = new Split(1, List.of(face("ann", 1, 0)), List.of(), List.of());
        assertThatThrownBy(() -> IdentificationProtocol.score(split, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Embedding> embeddings(List<Face> faces) {
        return faces.stream().map(Face::embedding).toList();
    }

    private static Face face(String person, float x, float y) {
        return new Face(person, Embedding.ofUnitVector(new float[] {x, y}, "test"));
    }

    /** A distinct unit vector for each name. */
    private static Embedding unit(int name) {
        return Embedding.normalised(new float[] {1, name}, "test");
    }
}
