package dev.facerec.api.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingTaskTest {
    @Test
    void aBurstDuringARunQueuesExactlyOneMore() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        try (var task = new CoalescingTask("test", () -> {
            if (runs.incrementAndGet() == 1) {
                running.countDown();
                await(release);
            } else {
                secondDone.countDown();
            }
        })) {
            task.signal();
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 100; i++) {
                task.signal();
            }
            release.countDown();
            assertThat(secondDone.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            assertThat(runs).hasValue(2);
        }
    }

    @Test
    void aFailingActionDoesNotStopLaterRuns() throws Exception {
        CountDownLatch second = new CountDownLatch(2);
        try (var task = new CoalescingTask("test", () -> {
            second.countDown();
            throw new IllegalStateException("boom");
        })) {
            task.signal();
            Thread.sleep(100);
            task.signal();
            assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSignalAfterCloseIsIgnored() {
        var task = new CoalescingTask("test", () -> {});
        task.close();
        task.signal();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
