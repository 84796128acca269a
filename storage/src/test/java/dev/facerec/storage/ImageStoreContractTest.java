package dev.facerec.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.store.ImageStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link ImageStore} adapter must do. A subclass supplies a new, empty store per test (a fresh folder, a
 * fresh bucket or prefix) and adds tests for what only its adapter can show.
 */
public abstract class ImageStoreContractTest {
    private static final String JPEG = "image/jpeg";

    private ImageStore store;

    /** A new, empty store, called before each test. */
    protected abstract ImageStore createStore() throws Exception;

    @BeforeEach
    final void createStoreUnderTest() throws Exception {
        store = createStore();
    }

    protected final ImageStore store() {
        return store;
    }

    protected static byte[] image(int seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void returnsTheStoredBytes() {
        byte[] bytes = image(1, 20_000);

        String key = store.put(bytes, JPEG);

        assertThat(store.get(key))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
    }

    /**
     * The key a store gives {@code bytes}: the lowercase hex SHA-256 of the bytes, or of what the store writes for them
     * (an encrypting store names the envelope, see {@code EncryptingImageStore}).
     */
    protected String expectedKey(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void keyIsTheLowercaseHexSha256OfTheBytes() throws Exception {
        byte[] bytes = image(2, 1_000);

        assertThat(store.put(bytes, JPEG)).isEqualTo(expectedKey(bytes)).matches("[0-9a-f]{64}");
    }

    @Test
    void storingTheSameBytesAgainReturnsTheSameKey() {
        byte[] bytes = image(3, 5_000);

        String first = store.put(bytes, JPEG);
        String second = store.put(bytes.clone(), "image/png");

        assertThat(second).isEqualTo(first);
        assertThat(store.get(first))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
    }

    @Test
    void differentBytesAreStoredUnderDifferentKeys() {
        byte[] first = image(4, 5_000);
        byte[] second = first.clone();
        second[second.length - 1] ^= 1;

        String firstKey = store.put(first, JPEG);
        String secondKey = store.put(second, JPEG);

        assertThat(secondKey).isNotEqualTo(firstKey);
        assertThat(store.get(firstKey))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(first));
        assertThat(store.get(secondKey))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(second));
    }

    @Test
    void changingArraysAfterwardsDoesNotChangeTheStoredImage() {
        byte[] bytes = image(5, 1_000);
        byte[] original = bytes.clone();
        String key = store.put(bytes, JPEG);

        bytes[0] ^= 1;
        store.get(key).orElseThrow()[1] ^= 1;

        assertThat(store.get(key))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(original));
    }

    @Test
    void aLargeImageSurvivesTheRoundTrip() {
        byte[] bytes = image(6, 12 * 1024 * 1024);

        String key = store.put(bytes, JPEG);

        assertThat(store.get(key))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
    }

    @Test
    void aMissingKeyReadsAsEmpty() {
        assertThat(store.get(ImageKeys.of(image(7, 100)))).isEmpty();
    }

    @Test
    void containsTellsWhetherAnImageIsStoredUnderTheKey() {
        byte[] bytes = image(14, 1_000);
        String key = store.put(bytes, JPEG);
        String otherKey = store.put(image(15, 1_000), JPEG);

        assertThat(store.contains(key)).isTrue();
        assertThat(store.contains(ImageKeys.of(image(16, 100)))).isFalse();

        store.delete(key);

        assertThat(store.contains(key)).isFalse();
        assertThat(store.contains(otherKey)).isTrue();
        assertThat(store.put(bytes, JPEG)).isEqualTo(key);
        assertThat(store.contains(key)).isTrue();
    }

    @Test
    void deleteRemovesTheImage() {
        byte[] bytes = image(8, 1_000);
        byte[] other = image(9, 1_000);
        String key = store.put(bytes, JPEG);
        String otherKey = store.put(other, JPEG);

        store.delete(key);

        assertThat(store.get(key)).isEmpty();
        assertThat(store.get(otherKey)).isPresent();
    }

    @Test
    void deletingAMissingKeyIsNotAnError() {
        String key = store.put(image(10, 1_000), JPEG);

        store.delete(key);
        store.delete(key);
        store.delete(ImageKeys.of(image(11, 100)));

        assertThat(store.get(key)).isEmpty();
    }

    @Test
    void anImageCanBeStoredAgainAfterItWasDeleted() {
        byte[] bytes = image(12, 1_000);
        String key = store.put(bytes, JPEG);
        store.delete(key);

        assertThat(store.put(bytes, JPEG)).isEqualTo(key);
        assertThat(store.get(key))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
    }

    static Stream<String> invalidKeys() {
        String valid = ImageKeys.of(new byte[] {42});
        return Stream.of(
                "",
                "..",
                "../etc/passwd",
                "/etc/passwd",
                "..\\..\\windows\\win.ini",
                "abc",
                valid.substring(1),
                valid + "0",
                valid.toUpperCase(Locale.ROOT),
                "g".repeat(64),
                valid.substring(0, 62) + "/a",
                "../" + valid.substring(3),
                valid.substring(0, 2) + "/" + valid.substring(2, 4) + "/" + valid.substring(6),
                valid + "\n",
                " " + valid.substring(1));
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void malformedKeysAreRejectedOnRead(String key) {
        assertInvalidRequest(() -> store.get(key));
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void malformedKeysAreRejectedOnDelete(String key) {
        assertInvalidRequest(() -> store.delete(key));
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void malformedKeysAreRejectedOnContains(String key) {
        assertInvalidRequest(() -> store.contains(key));
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> store.put(null, JPEG)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.put(new byte[] {1}, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.delete(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.contains(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void concurrentPutsOfTheSameBytesAllSucceedUnderOneKey() throws Exception {
        byte[] bytes = image(13, 256 * 1024);

        List<String> keys = concurrently(16, index -> store.put(bytes.clone(), JPEG));

        assertThat(keys).containsOnly(expectedKey(bytes));
        assertThat(store.get(keys.getFirst()))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
    }

    @Test
    void concurrentPutsOfDifferentBytesAreAllKept() throws Exception {
        List<String> keys = concurrently(24, index -> store.put(image(100 + index, 10_000), JPEG));

        for (int index = 0; index < keys.size(); index++) {
            byte[] expected = image(100 + index, 10_000);
            assertThat(store.get(keys.get(index)))
                    .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(expected));
        }
    }

    @Test
    void forEachKeyPassesEveryStoredKeyOnce() {
        List<String> stored = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            stored.add(store.put(image(300 + index, 1_000), JPEG));
        }
        store.delete(stored.removeFirst());

        List<String> listed = new ArrayList<>();
        store.forEachKey(listed::add);

        assertThat(listed).containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void forEachKeyOfAnEmptyStorePassesNothing() {
        List<String> listed = new ArrayList<>();

        store.forEachKey(listed::add);

        assertThat(listed).isEmpty();
        assertThatThrownBy(() -> store.forEachKey(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aWorkingStoreIsAvailable() {
        assertThat(store.isAvailable()).isTrue();
    }

    protected static void assertInvalidRequest(Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.INVALID_REQUEST));
    }

    /** Runs {@code task} {@code count} times at once, released together, and returns the results in index order. */
    protected static <T> List<T> concurrently(int count, IndexedTask<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(count)) {
            List<Future<T>> futures = new ArrayList<>();
            IntStream.range(0, count)
                    .forEach(index -> futures.add(executor.submit(() -> {
                        start.await();
                        return task.run(index);
                    })));
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @FunctionalInterface
    protected interface IndexedTask<T> {
        T run(int index) throws Exception;
    }
}
