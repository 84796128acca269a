package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Argon2id hashing, and a burst of hashes that is refused rather than queued without end. */
class BoundedPasswordHasherTest {
    @Test
    void argon2HashesAreSaltedAndCheckedAndAMalformedHashDoesNotMatch() {
        try (var hasher = new BoundedPasswordHasher(
                Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), 2, 4, Duration.ofSeconds(10))) {
            String first = hasher.hash("Correct-Horse-Battery-42");
            String second = hasher.hash("Correct-Horse-Battery-42");
            assertThat(first).startsWith("$argon2id$").isNotEqualTo(second).doesNotContain("Correct-Horse");
            assertThat(hasher.matches("Correct-Horse-Battery-42", first)).isTrue();
            assertThat(hasher.matches("correct-horse-battery-42", first)).isFalse();
            assertThat(hasher.matches("Correct-Horse-Battery-42", "not-a-hash")).isFalse();
            assertThat(hasher.matches(null, first)).isFalse();
        }
    }

    @Test
    void aBurstBeyondTheQueueIsRefusedAtOnceWithUnavailable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        PasswordEncoder slow = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                started.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "hash";
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return encode(raw).equals(encoded);
            }
        };
        try (var hasher = new BoundedPasswordHasher(slow, 1, 1, Duration.ofSeconds(20));
                var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> waiting = new ArrayList<>();
            waiting.add(callers.submit(() -> hasher.hash("one")));
            while (started.get() == 0) {
                Thread.sleep(5);
            }
            waiting.add(callers.submit(() -> hasher.hash("queued")));
            Thread.sleep(100);
            long start = System.nanoTime();
            assertThatThrownBy(() -> hasher.hash("one too many")).isInstanceOfSatisfying(FaceException.class, e -> {
                assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE);
                assertThat(e.details()).containsKey("retryAfterSeconds");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            release.countDown();
            for (Future<String> result : waiting) {
                assertThat(result.get()).isEqualTo("hash");
            }
        }
    }

    @Test
    void aHashPastItsDeadlineIsUnavailable() {
        PasswordEncoder stuck = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "late";
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return false;
            }
        };
        try (var hasher = new BoundedPasswordHasher(stuck, 1, 1, Duration.ofMillis(200))) {
            assertThatThrownBy(() -> hasher.hash("x"))
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE));
        }
    }
}
