package dev.facerec.api.http.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestThreadsTest {
    @Test
    void requestsRunOnPlatformThreadsUpToTheLimitAndOnVirtualThreadsBeyond() throws Exception {
        RequestThreads threads = new RequestThreads(2);
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch mayEnd = new CountDownLatch(1);
        List<Thread> ranOn = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                threads.execute(() -> {
                    synchronized (ranOn) {
                        ranOn.add(Thread.currentThread());
                    }
                    started.countDown();
                    try {
                        mayEnd.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ranOn).filteredOn(Thread::isVirtual).hasSize(1);
            assertThat(ranOn)
                    .filteredOn(thread -> !thread.isVirtual())
                    .hasSize(2)
                    .allSatisfy(thread -> assertThat(thread.getName()).startsWith("http-request-"));
        } finally {
            mayEnd.countDown();
            threads.close();
        }
    }

    @Test
    void aStoppedServerTakesNoMoreRequests() {
        RequestThreads threads = new RequestThreads(2);
        threads.close();

        assertThatThrownBy(() -> threads.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    }
}
