package dev.facerec.api.http.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.BackgroundWork;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.RequestDeadline;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests before jobs: a background stage waits while a request computes, for a bounded time. */
class InteractiveLoadTest {
    private final InteractiveLoad interactive = new InteractiveLoad(Duration.ofSeconds(5));
    private final ComputeExecutor compute = new ComputeExecutor(2, interactive);

    @AfterEach
    void close() {
        compute.close();
    }

    @Test
    void aBackgroundStageWaitsUntilTheRequestAndItsStagesHaveEnded() throws Exception {
        CountDownLatch stageMayEnd = new CountDownLatch(1);
        CountDownLatch requestMayEnd = new CountDownLatch(1);
        CountDownLatch stageEnded = new CountDownLatch(1);
        Thread request = Thread.ofVirtual().start(() -> {
            try (RequestWork.Scope work = RequestWork.open()) {
                compute.call(() -> {
                    await(stageMayEnd);
                    return null;
                });
                stageEnded.countDown();
                // the request goes on after its stage (the index search, the answer): it still counts
                await(requestMayEnd);
            }
        });
        awaitComputing(1);

        CompletableFuture<Long> job = background(() -> System.nanoTime());
        Thread.sleep(200);
        assertThat(job)
                .as("the job's stage waits while the request's stage runs")
                .isNotDone();

        stageMayEnd.countDown();
        assertThat(stageEnded.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(job).as("and while the request itself goes on").isNotDone();

        long requestEnded = System.nanoTime();
        requestMayEnd.countDown();
        request.join(5_000);
        assertThat(job.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(requestEnded);
        assertThat(interactive.computing()).isZero();
        assertThat(interactive.yields()).isEqualTo(1);
    }

    @Test
    void aBackgroundStageWaitsNoLongerThanTheLimitUnderASteadyRequest() throws Exception {
        InteractiveLoad shortYield = new InteractiveLoad(Duration.ofMillis(150));
        try (ComputeExecutor executor = new ComputeExecutor(2, shortYield)) {
            shortYield.started();
            long start = System.nanoTime();
            String ran;
            try (RequestDeadline.Scope background = BackgroundWork.enter()) {
                ran = executor.call(() -> "ran");
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(ran).isEqualTo("ran");
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(150)).isLessThan(Duration.ofSeconds(3));
            assertThat(shortYield.yieldedSeconds()).isGreaterThanOrEqualTo(0.15);
            shortYield.ended();
        }
    }

    @Test
    void aRequestThatNeverComputesDoesNotHoldJobsBack() throws Exception {
        try (RequestWork.Scope progressStream = RequestWork.open()) {
            assertThat(interactive.computing()).isZero();
            assertThat(background(() -> "ran").get(1, TimeUnit.SECONDS)).isEqualTo("ran");
        }
        assertThat(interactive.yields()).isZero();
    }

    @Test
    void aRequestCountsOnceHoweverManyStagesItRunsAndBackgroundStagesNeverCount() throws Exception {
        try (RequestWork.Scope request = RequestWork.open()) {
            compute.call(() -> "decode");
            compute.call(() -> "detect");
            compute.call(() -> "embed");
            assertThat(interactive.computing()).isEqualTo(1);
        }
        assertThat(interactive.computing()).isZero();
        background(() -> "job").get(1, TimeUnit.SECONDS);
        assertThat(interactive.computing()).isZero();
    }

    @Test
    void withoutALimitJobsNeverWait() throws Exception {
        InteractiveLoad never = new InteractiveLoad(Duration.ZERO);
        try (ComputeExecutor executor = new ComputeExecutor(2, never)) {
            never.started();
            try (RequestDeadline.Scope background = BackgroundWork.enter()) {
                assertThat(executor.call(() -> "ran")).isEqualTo("ran");
            }
            assertThat(never.yields()).isZero();
        }
    }

    @Test
    void anInterruptedWaitIsCancelledBackgroundWorkAndKeepsTheInterrupt() throws Exception {
        interactive.started();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread job = Thread.ofVirtual().start(() -> {
            try (RequestDeadline.Scope background = BackgroundWork.enter()) {
                compute.call(() -> "never");
            } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        Thread.sleep(100);
        job.interrupt();
        job.join(5_000);
        interactive.ended();

        assertThat(thrown.get())
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE));
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> new InteractiveLoad(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private <T> CompletableFuture<T> background(java.util.function.Supplier<T> stage) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (RequestDeadline.Scope background = BackgroundWork.enter()) {
                result.complete(compute.call(stage));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void awaitComputing(int requests) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (interactive.computing() != requests && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(interactive.computing()).isEqualTo(requests);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
