package dev.facerec.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimingsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertThat(Timings.percentile(new double[] {9, 1, 5, 3, 7}, 50)).isEqualTo(5);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddlePair() {
        assertThat(Timings.percentile(new double[] {4, 1, 3, 2}, 50)).isEqualTo(2.5);
    }

    @Test
    void p95InterpolatesBetweenRanksAsNumpyDoes() {
        double[] oneToTwenty = IntStream.rangeClosed(1, 20).asDoubleStream().toArray();
        double[] oneToHundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        // numpy.percentile(range(1, 21), 95) == 19.05; numpy.percentile(range(1, 101), 95) == 95.05
        assertThat(Timings.percentile(oneToTwenty, 95)).isCloseTo(19.05, within(1e-9));
        assertThat(Timings.percentile(oneToHundred, 95)).isCloseTo(95.05, within(1e-9));
    }

    @Test
    void meanIsTheArithmeticMeanAndNaNWhenEmpty() {
        Timings timings = new Timings();
        assertThat(timings.mean()).isNaN();
        timings.addMillis(2);
        timings.addMillis(10);
        assertThat(timings.mean()).isEqualTo(6);
    }

    @Test
    void addAllKeepsEveryDurationOfBoth() {
        Timings first = new Timings();
        first.addMillis(1);
        Timings second = new Timings();
        for (int i = 0; i < 20; i++) {
            second.addMillis(3);
        }
        first.addAll(second);
        assertThat(first.count()).isEqualTo(21);
        assertThat(first.mean()).isCloseTo(61.0 / 21, within(1e-9));
        assertThat(second.count()).isEqualTo(20);
    }

    @Test
    void extremesAreTheMinimumAndMaximum() {
        double[] values = {3, 8, 1};
        assertThat(Timings.percentile(values.clone(), 0)).isEqualTo(1);
        assertThat(Timings.percentile(values.clone(), 100)).isEqualTo(8);
        assertThat(Timings.percentile(new double[] {42}, 95)).isEqualTo(42);
    }

    @Test
    void anOutlierMovesP95ButNotTheMedian() {
        Timings timings = new Timings();
        for (int i = 0; i < 99; i++) {
            timings.addMillis(10);
        }
        timings.addNanos(1_000_000_000L);
        assertThat(timings.count()).isEqualTo(100);
        assertThat(timings.median()).isEqualTo(10);
        assertThat(timings.percentile(100)).isEqualTo(1000);
        assertThat(timings.p95()).isEqualTo(10);
        assertThat(timings.percentile(99.5)).isCloseTo(509.95, within(1e-9));
    }

    @Test
    void emptyTimingsPrintADashAndInvalidInputIsRejected() {
        Timings empty = new Timings();
        assertThat(empty.median()).isNaN();
        assertThat(empty.medianAndP95()).isEqualTo("-");
        assertThatThrownBy(() -> Timings.percentile(new double[0], 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timings.percentile(new double[] {1}, 101))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cellsShowMedianAndP95WithPrecisionByMagnitude() {
        Timings timings = new Timings();
        timings.addMillis(1.234);
        timings.addMillis(1.234);
        assertThat(timings.medianAndP95()).isEqualTo("1.23/1.23");
        assertThat(Timings.format(42.26)).isEqualTo("42.3");
        assertThat(Timings.format(1234.4)).isEqualTo("1234");
    }
}
