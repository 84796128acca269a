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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComputeExecutorTest {
    private static final long MIB = 1024 * 1024;

    private final ComputeExecutor compute = new ComputeExecutor(1);

    @AfterEach
    void close() {
        compute.close();
    }

    @Test
    void aStageOfAVirtualThreadRunsOnAPlatformComputeThreadWithTheRequestsDeadline() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicBoolean sawDeadline = new AtomicBoolean();
        Thread request = Thread.ofVirtual().start(() -> {
            try (RequestDeadline.Scope deadline = RequestDeadline.start(Duration.ofSeconds(30))) {
                compute.call(() -> {
                    ranOn.set(Thread.currentThread());
                    sawDeadline.set(RequestDeadline.current().isPresent());
                    return null;
                });
            }
        });
        request.join(5_000);

        assertThat(ranOn.get().isVirtual()).isFalse();
        assertThat(ranOn.get().getName()).startsWith("compute-");
        assertThat(sawDeadline).isTrue();
    }

    @Test
    void aStageKeepsItsCallersBackgroundMarkAndOnlyIt() throws Exception {
        AtomicBoolean backgroundSeen = new AtomicBoolean();
        AtomicBoolean interactiveSeen = new AtomicBoolean(true);
        Thread job = Thread.ofVirtual().start(() -> {
            try (RequestDeadline.Scope background = BackgroundWork.enter()) {
                backgroundSeen.set(compute.call(BackgroundWork::active));
            }
        });
        job.join(5_000);
        Thread request = Thread.ofVirtual().start(() -> interactiveSeen.set(compute.call(BackgroundWork::active)));
        request.join(5_000);

        assertThat(backgroundSeen).isTrue();
        assertThat(interactiveSeen)
                .as("the compute thread does not keep the mark")
                .isFalse();
    }

    @Test
    void whatAStageThrowsIsThrownToTheCaller() {
        FaceException refusal = new FaceException(FaceErrorCode.IMAGE_UNREADABLE, "not an image");

        assertThatThrownBy(() -> compute.call(() -> {
                    throw refusal;
                }))
                .isSameAs(refusal);
    }

    @Test
    void aStageThatOutlastsTheDeadlineIsAnsweredAtTheDeadlineAndKeepsItsShareUntilItEnds() throws Exception {
        DecodeMemoryBudget budget = new DecodeMemoryBudget(100 * MIB, Duration.ZERO);
        CountDownLatch stageMayEnd = new CountDownLatch(1);
        CountDownLatch stageEnded = new CountDownLatch(1);

        long started = System.nanoTime();
        try (RequestWork.Scope request = RequestWork.open();
                RequestDeadline.Scope deadline = RequestDeadline.start(Duration.ofMillis(100))) {
            RequestWork.current().orElseThrow().hold(budget.reserve(40 * MIB));
            assertThatThrownBy(() -> compute.call(() -> {
                        awaitUninterruptibly(stageMayEnd);
                        stageEnded.countDown();
                        return null;
                    }))
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.REQUEST_TIMEOUT));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(budget.inUseBytes()).as("the stage still holds the pixels").isEqualTo(40 * MIB);

        stageMayEnd.countDown();
        assertThat(stageEnded.await(5, TimeUnit.SECONDS)).isTrue();
        awaitZero(budget);
    }

    @Test
    void aRequestThatEndsWithoutAStageStillRunningGivesItsSharesBackAtOnce() {
        DecodeMemoryBudget budget = new DecodeMemoryBudget(100 * MIB, Duration.ZERO);
        try (RequestWork.Scope request = RequestWork.open()) {
            RequestWork.current().orElseThrow().hold(budget.reserve(40 * MIB));
            assertThat(compute.call(() -> "done")).isEqualTo("done");
            assertThat(budget.inUseBytes()).isEqualTo(40 * MIB);
        }
        assertThat(budget.inUseBytes()).isZero();
    }

    @Test
    void aStageStillQueuedAtTheDeadlineNeverRuns() throws Exception {
        CountDownLatch busyMayEnd = new CountDownLatch(1);
        CompletableFuture<Object> busy = CompletableFuture.supplyAsync(() -> compute.call(() -> {
            awaitUninterruptibly(busyMayEnd);
            return null;
        }));
        Thread.sleep(50);
        AtomicBoolean queuedRan = new AtomicBoolean();

        try (RequestWork.Scope request = RequestWork.open();
                RequestDeadline.Scope deadline = RequestDeadline.start(Duration.ofMillis(100))) {
            assertThatThrownBy(() -> compute.call(() -> queuedRan.getAndSet(true)))
                    .isInstanceOf(FaceException.class);
        }
        busyMayEnd.countDown();
        busy.get(5, TimeUnit.SECONDS);
        assertThat(compute.call(() -> "the thread is free again")).isNotNull();
        assertThat(queuedRan).isFalse();
    }

    @Test
    void aStageThatAsksForAnotherStageRunsItInPlace() {
        assertThat(compute.call(() -> compute.call(() -> "inner"))).isEqualTo("inner");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitZero(DecodeMemoryBudget budget) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (budget.inUseBytes() != 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(budget.inUseBytes()).isZero();
    }
}
