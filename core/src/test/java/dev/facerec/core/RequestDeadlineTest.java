package dev.facerec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestDeadlineTest {
    @Test
    void outsideARequestNothingIsRefusedOrShortened() {
        assertThatCode(RequestDeadline::check).doesNotThrowAnyException();
        assertThat(RequestDeadline.boundWait(10_000)).isEqualTo(10_000);
    }

    @Test
    void withinTheDeadlineChecksPassAndWaitsAreCutToWhatIsLeft() {
        try (RequestDeadline.Scope request = RequestDeadline.start(Duration.ofSeconds(5))) {
            assertThatCode(RequestDeadline::check).doesNotThrowAnyException();
            assertThat(RequestDeadline.boundWait(60_000)).isBetween(1L, 5_000L);
            assertThat(RequestDeadline.boundWait(10)).isEqualTo(10);
        }
    }

    @Test
    void pastTheDeadlineACheckThrowsRequestTimeoutWithTheLimitAndWhenToRetry() throws InterruptedException {
        try (RequestDeadline.Scope request = RequestDeadline.start(Duration.ofMillis(20))) {
            Thread.sleep(40);
            assertThat(RequestDeadline.boundWait(1_000)).isZero();
            assertThatThrownBy(RequestDeadline::check)
                    .isInstanceOfSatisfying(FaceException.class, e -> {
                        assertThat(e.code()).isEqualTo(FaceErrorCode.REQUEST_TIMEOUT);
                        assertThat(e.details())
                                .containsEntry("timeoutMillis", 20L)
                                .containsEntry("retryAfterSeconds", 1);
                    })
                    .hasMessageContaining("longer than the service's limit of 20 ms (REQUEST_TIMEOUT)");
        }
        assertThatCode(RequestDeadline::check).as("closing the scope ends it").doesNotThrowAnyException();
    }

    @Test
    void closingAnInnerDeadlineRestoresTheOuterOne() throws InterruptedException {
        try (RequestDeadline.Scope outer = RequestDeadline.start(Duration.ofMillis(20))) {
            try (RequestDeadline.Scope inner = RequestDeadline.start(Duration.ofSeconds(60))) {
                Thread.sleep(40);
                assertThatCode(RequestDeadline::check).doesNotThrowAnyException();
            }
            assertThatThrownBy(RequestDeadline::check).isInstanceOf(FaceException.class);
        }
    }

    @Test
    void aDeadlineCarriedToAnotherThreadEndsThereAtTheSameInstant() throws Exception {
        try (RequestDeadline.Scope request = RequestDeadline.start(Duration.ofMillis(50))) {
            RequestDeadline carried = RequestDeadline.current().orElseThrow();
            Thread.sleep(80);
            Throwable onOtherThread = CompletableFuture.supplyAsync(() -> {
                        try (RequestDeadline.Scope work = carried.enter()) {
                            RequestDeadline.check();
                            return null;
                        } catch (FaceException e) {
                            return e;
                        }
                    })
                    .get(5, TimeUnit.SECONDS);
            assertThat(onOtherThread)
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.REQUEST_TIMEOUT));
        }
        assertThat(RequestDeadline.current()).isEqualTo(Optional.empty());
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> RequestDeadline.start(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
