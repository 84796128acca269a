package dev.facerec.ml.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.BackgroundWork;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.RequestDeadline;
import dev.facerec.ml.onnx.InferenceGate.Lane;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InferenceGateTest {
    @Test
    void anIdleMachineGivesOneRunEveryCore() {
        InferenceGate gate = InferenceGate.adaptive(2, 1000);
        assertThat(laneOf(gate)).isEqualTo(Lane.WIDE);
        assertThat(laneOf(gate)).as("slots are returned").isEqualTo(Lane.WIDE);
    }

    @Test
    void backgroundWorkTakesOneCoreEvenOnAnIdleMachine() throws Exception {
        // A request that found no free slot would fail after 200 ms instead of waiting for the job's run.
        InferenceGate gate = InferenceGate.adaptive(2, 200);
        try (RequestDeadline.Scope background = BackgroundWork.enter()) {
            assertThat(laneOf(gate)).isEqualTo(Lane.NARROW);
        }
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService jobThread = Executors.newSingleThreadExecutor()) {
            Future<Lane> job = jobThread.submit(() -> {
                try (RequestDeadline.Scope background = BackgroundWork.enter()) {
                    return gate.run(lane -> {
                        running.countDown();
                        await(release);
                        return lane;
                    });
                }
            });
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(laneOf(gate))
                    .as("a request during the job's run gets the other core at once")
                    .isEqualTo(Lane.NARROW);
            release.countDown();
            assertThat(job.get(5, TimeUnit.SECONDS)).isEqualTo(Lane.NARROW);
        }
        assertThat(laneOf(gate)).as("the mark ended with its scope").isEqualTo(Lane.WIDE);
    }

    @Test
    void concurrentRunsGoNarrowAndNeverExceedTheCores() throws Exception {
        InferenceGate gate = InferenceGate.adaptive(2, 5000);
        AtomicInteger coresInUse = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger narrow = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            Future<?>[] runs = new Future<?>[40];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = pool.submit(() -> {
                    start.await();
                    return gate.run(lane -> {
                        int cores = lane == Lane.WIDE ? 2 : 1;
                        peak.accumulateAndGet(coresInUse.addAndGet(cores), Math::max);
                        if (lane == Lane.NARROW) {
                            narrow.incrementAndGet();
                        }
                        sleep(5);
                        coresInUse.addAndGet(-cores);
                        return lane;
                    });
                });
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(peak.get()).isEqualTo(2);
        assertThat(narrow.get()).as("under load most runs share the cores").isGreaterThan(20);
    }

    @Test
    void aFixedGateAlwaysRunsNarrow() {
        assertThat(laneOf(InferenceGate.fixed(1, 1000))).isEqualTo(Lane.NARROW);
    }

    @Test
    void waitingIsBoundedAndReportedAsUnavailable() throws Exception {
        InferenceGate gate = InferenceGate.fixed(1, 50);
        try (SlotHeld held = SlotHeld.in(gate)) {
            assertThatThrownBy(() -> laneOf(gate))
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE));
        }
    }

    @Test
    void aRequestWaitsForASlotNoLongerThanItsDeadline() throws Exception {
        InferenceGate gate = InferenceGate.fixed(1, 10_000);
        try (SlotHeld held = SlotHeld.in(gate)) {
            long started = System.nanoTime();
            try (RequestDeadline.Scope request = RequestDeadline.start(Duration.ofMillis(200))) {
                assertThatThrownBy(() -> laneOf(gate))
                        .isInstanceOfSatisfying(
                                FaceException.class,
                                e -> assertThat(e.code()).isEqualTo(FaceErrorCode.REQUEST_TIMEOUT));
            }
            // The gate's own 10 s wait gave way to the request's 200 ms.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void noRunStartsOnceTheRequestsDeadlineHasPassed() throws Exception {
        InferenceGate gate = InferenceGate.adaptive(2, 1000);
        AtomicInteger runs = new AtomicInteger();
        try (RequestDeadline.Scope request = RequestDeadline.start(Duration.ofMillis(1))) {
            Thread.sleep(5);
            assertThatThrownBy(() -> gate.run(lane -> runs.incrementAndGet()))
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.REQUEST_TIMEOUT));
        }
        assertThat(runs).hasValue(0);
        assertThat(laneOf(gate)).as("outside a request nothing is refused").isEqualTo(Lane.WIDE);
    }

    /** Another thread holding the gate's only slot until closed. */
    private record SlotHeld(ExecutorService pool, CountDownLatch release) implements AutoCloseable {
        static SlotHeld in(InferenceGate gate) throws InterruptedException {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            pool.submit(() -> gate.run(lane -> {
                holding.countDown();
                await(release);
                return null;
            }));
            holding.await();
            return new SlotHeld(pool, release);
        }

        @Override
        public void close() {
            release.countDown();
            pool.close();
        }
    }

    private static Lane laneOf(InferenceGate gate) {
        return gate.run(lane -> lane);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
