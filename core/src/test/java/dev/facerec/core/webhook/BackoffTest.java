package dev.facerec.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration BASE = Duration.ofSeconds(10);
    private static final Duration CAP = Duration.ofHours(1);

    @Test
    void ceilingDoublesPerAttemptUpToTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, () -> 0.5);
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(backoff.ceiling(10)).isEqualTo(CAP); // 5120 s would pass it
        assertThat(backoff.ceiling(1000)).isEqualTo(CAP); // no overflow
    }

    @Test
    void fullJitterSpreadsTheWaitFromZeroToTheCeiling() {
        assertThat(new Backoff(BASE, CAP, () -> 0.0).delay(3)).isZero();
        assertThat(new Backoff(BASE, CAP, () -> 0.999_999).delay(3)).isEqualTo(Duration.ofMillis(39_999));
        SplittableRandom random = new SplittableRandom(7);
        Backoff backoff = new Backoff(BASE, CAP, random::nextDouble);
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            Duration delay = backoff.delay(4);
            assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(80));
            sum += delay.toMillis();
        }
        // Uniform over [0, 80 s): the mean is near 40 s, not near either end.
        assertThat(sum / 10_000).isBetween(38_000.0, 42_000.0);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, CAP, () -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(CAP, BASE, () -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(BASE, CAP, () -> 0).ceiling(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
