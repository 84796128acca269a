package dev.facerec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WhenBusyTest {
    private static final Duration PAUSE = Duration.ofMillis(10);

    @Test
    void busyRefusalsAreTriedAgainUntilTheWorkIsDone() {
        AtomicInteger tries = new AtomicInteger();
        String done = WhenBusy.retried(
                () -> {
                    if (tries.incrementAndGet() < 3) {
                        throw new FaceException(FaceErrorCode.UNAVAILABLE, "busy");
                    }
                    return "done";
                },
                5,
                PAUSE);

        assertThat(done).isEqualTo("done");
        assertThat(tries).hasValue(3);
    }

    @Test
    void theLastBusyRefusalIsThrownOnceEveryAttemptIsUsed() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> WhenBusy.retried(
                        () -> {
                            tries.incrementAndGet();
                            throw new FaceException(FaceErrorCode.UNAVAILABLE, "busy " + tries.get());
                        },
                        4,
                        PAUSE))
                .hasMessage("busy 4");
        assertThat(tries).hasValue(4);
    }

    @Test
    void anyOtherRefusalIsThrownAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> WhenBusy.retried(
                        () -> {
                            tries.incrementAndGet();
                            throw new FaceException(FaceErrorCode.NO_FACE, "no face");
                        },
                        5,
                        PAUSE))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.NO_FACE));
        assertThat(tries).hasValue(1);
    }

    @Test
    void anInterruptedPauseEndsTheTriesAndKeepsTheInterrupt() {
        AtomicInteger tries = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> WhenBusy.retried(
                            () -> {
                                tries.incrementAndGet();
                                throw new FaceException(FaceErrorCode.UNAVAILABLE, "busy");
                            },
                            5,
                            Duration.ofSeconds(30)))
                    .isInstanceOf(FaceException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(tries).hasValue(1);
    }
}
