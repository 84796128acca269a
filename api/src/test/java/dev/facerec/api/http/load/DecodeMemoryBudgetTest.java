package dev.facerec.api.http.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.RequestDeadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DecodeMemoryBudgetTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void sharesAreSetAsideAndGivenBackOnceEach() {
        DecodeMemoryBudget budget = new DecodeMemoryBudget(100 * MIB, Duration.ZERO);

        DecodeMemoryBudget.Share first = budget.reserve(30 * MIB);
        DecodeMemoryBudget.Share second = budget.reserve(50 * MIB);
        assertThat(budget.inUseBytes()).isEqualTo(80 * MIB);

        first.close();
        first.close();
        assertThat(budget.inUseBytes()).as("a second close gives nothing back").isEqualTo(50 * MIB);
        second.close();
        assertThat(budget.inUseBytes()).isZero();
        assertThat(budget.capacityBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void aShareThatDoesNotFitWithinTheWaitIsRefusedAsUnavailableWithWhenToRetry() {
        DecodeMemoryBudget budget = new DecodeMemoryBudget(100 * MIB, Duration.ofMillis(50));
        DecodeMemoryBudget.Share taken = budget.reserve(80 * MIB);

        long started = System.nanoTime();
        assertThatThrownBy(() -> budget.reserve(30 * MIB))
                .isInstanceOfSatisfying(FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE);
                    assertThat(e.details()).containsEntry("retryAfterSeconds", 1);
                })
                .hasMessageContaining("within 50 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(budget.refusals()).isEqualTo(1);
        assertThat(budget.inUseBytes()).as("a refusal holds nothing").isEqualTo(80 * MIB);

        taken.close();
        assertThat(budget.inUseBytes()).isZero();
    }

    @Test
    void aWaitingRequestGetsItsShareAsSoonAsEnoughIsGivenBack() throws Exception {
        DecodeMemoryBudget budget = new DecodeMemoryBudget(100 * MIB, Duration.ofSeconds(10));
        DecodeMemoryBudget.Share taken = budget.reserve(80 * MIB);

        CompletableFuture<DecodeMemoryBudget.Share> waiting =
                CompletableFuture.supplyAsync(() -> budget.reserve(60 * MIB));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        taken.close();

        waiting.get(5, TimeUnit.SECONDS).close();
        assertThat(budget.inUseBytes()).isZero();
    }

    @Test
    void anImageLargerThanTheWholeBudgetWaitsForAllOfItAndRunsAlone() {
        DecodeMemoryBudget budget = new DecodeMemoryBudget(100 * MIB, Duration.ZERO);

        try (DecodeMemoryBudget.Share whole = budget.reserve(400 * MIB)) {
            assertThat(budget.inUseBytes()).isEqualTo(100 * MIB);
            assertThatThrownBy(() -> budget.reserve(1)).isInstanceOf(FaceException.class);
        }
        assertThat(budget.inUseBytes()).isZero();
    }

    @Test
    void theWaitEndsAtTheRequestsDeadlineWithRequestTimeout() {
        DecodeMemoryBudget budget = new DecodeMemoryBudget(100 * MIB, Duration.ofSeconds(10));
        DecodeMemoryBudget.Share taken = budget.reserve(100 * MIB);

        long started = System.nanoTime();
        try (RequestDeadline.Scope request = RequestDeadline.start(Duration.ofMillis(100))) {
            assertThatThrownBy(() -> budget.reserve(MIB))
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.REQUEST_TIMEOUT));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        taken.close();
        assertThat(budget.inUseBytes()).isZero();
    }

    @Test
    void manyRequestsAtOnceNeverHoldMoreThanTheBudgetAndLeaveItEmpty() throws Exception {
        DecodeMemoryBudget budget = new DecodeMemoryBudget(100 * MIB, Duration.ofMillis(20));
        ExecutorService requests = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                long bytes = (i % 7 + 1) * 10 * MIB;
                outcomes.add(requests.submit(() -> {
                    try (DecodeMemoryBudget.Share share = budget.reserve(bytes)) {
                        assertThat(budget.inUseBytes()).isBetween(bytes, 100 * MIB);
                        Thread.sleep(1);
                        return true;
                    } catch (FaceException refused) {
                        return false;
                    }
                }));
            }
            int served = 0;
            for (Future<Boolean> outcome : outcomes) {
                served += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(served).isPositive();
            assertThat(served + budget.refusals()).isEqualTo(200);
        } finally {
            requests.shutdownNow();
        }
        assertThat(budget.inUseBytes()).isZero();
    }

    @Test
    void anImageCostsTenBytesAPixel() {
        assertThat(DecodeMemoryBudget.bytesFor(40_000_000)).isEqualTo(400_000_000L);
    }
}
