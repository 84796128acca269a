package dev.facerec.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopRowsTest {
    private final Random random = new Random(11);

    @Test
    void holdsTheHighestScoresOfAnyStreamLikeASort() {
        for (int trial = 0; trial < 300; trial++) {
            int capacity = 1 + random.nextInt(40);
            int count = random.nextInt(400);
            // Few distinct values in some trials, so that ties at the cut are common.
            int distinct = trial % 3 == 0 ? 5 : Integer.MAX_VALUE;
            float[] scores = new float[count];
            TopRows top = new TopRows(capacity);
            for (int row = 0; row < count; row++) {
                scores[row] = distinct == 5 ? random.nextInt(distinct) : random.nextFloat() * 2 - 1;
                top.offer(row, scores[row]);
            }

            assertThat(heldScores(top)).isEqualTo(expected(scores, capacity));
            for (int i = 0; i < top.size(); i++) {
                assertThat(top.score(i)).isEqualTo(scores[top.row(i)]);
            }
        }
    }

    @Test
    void ascendingAndDescendingStreamsKeepTheHighest() {
        TopRows ascending = new TopRows(8);
        TopRows descending = new TopRows(8);
        for (int row = 0; row < 1000; row++) {
            ascending.offer(row, row);
            descending.offer(row, -row);
        }

        assertThat(rows(ascending)).containsExactlyInAnyOrder(992, 993, 994, 995, 996, 997, 998, 999);
        assertThat(rows(descending)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void addAllMergesTwoScansIntoTheBestOfBoth() {
        float[] scores = new float[500];
        TopRows first = new TopRows(16);
        TopRows second = new TopRows(16);
        for (int row = 0; row < scores.length; row++) {
            scores[row] = random.nextFloat();
            (row < 250 ? first : second).offer(row, scores[row]);
        }

        first.addAll(second);

        assertThat(heldScores(first)).isEqualTo(expected(scores, 16));
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new TopRows(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Float> heldScores(TopRows top) {
        List<Float> held = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            held.add(top.score(i));
        }
        held.sort(Comparator.reverseOrder());
        return held;
    }

    private static List<Float> expected(float[] scores, int capacity) {
        List<Float> all = new ArrayList<>();
        for (float score : scores) {
            all.add(score);
        }
        all.sort(Comparator.reverseOrder());
        return all.subList(0, Math.min(capacity, all.size()));
    }

    private static List<Integer> rows(TopRows top) {
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            held.add(top.row(i));
        }
        return held;
    }
}
