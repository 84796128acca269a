package dev.facerec.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LookAheadTest {
    private static final ArchiveItem ITEM = new ArchiveItem("Ada/1.jpg", "Ada", null);

    @Test
    void takesWhatItComputedOnAnotherThread() throws Exception {
        Thread caller = Thread.currentThread();
        try (LookAhead ahead = new LookAhead("test-look-ahead")) {
            ahead.start(() -> {
                assertThat(Thread.currentThread()).isNotSameAs(caller);
                return Photo.read(ITEM, new byte[] {1, 2, 3});
            });
            assertThat(ahead.started()).isTrue();

            assertThat(ahead.take().bytes()).containsExactly(1, 2, 3);
            assertThat(ahead.started()).isFalse();
        }
    }

    @Test
    void throwsWhatTheWorkThrew() {
        UncheckedIOException broken = new UncheckedIOException(new IOException("the archive is gone"));
        try (LookAhead ahead = new LookAhead("test-look-ahead")) {
            ahead.start(() -> {
                throw broken;
            });

            assertThatThrownBy(ahead::take).isSameAs(broken);
        }
    }

    @Test
    void closingInterruptsTheWorkInProgress() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        LookAhead ahead = new LookAhead("test-look-ahead");
        ahead.start(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Photo.read(ITEM, new byte[0]);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        ahead.close();

        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
