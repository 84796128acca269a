package dev.facerec.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.ImageKeys;
import dev.facerec.storage.ImageStoreContractTest;
import io.minio.BucketExistsArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class S3ImageStoreIT extends ImageStoreContractTest {
    private static final Duration SHORT = Duration.ofMillis(800);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @RegisterExtension
    static final S3ServerExtension s3 = new S3ServerExtension();

    @Override
    protected ImageStore createStore() {
        return open(s3.server().settings(newBucketName()));
    }

    @Test
    void createsTheBucketWhenMissing() throws Exception {
        String bucket = newBucketName();

        open(s3.server().settings(bucket));

        assertThat(bucketExists(bucket)).isTrue();
    }

    @Test
    void storesStartingTogetherOnANewBucketAllWork() throws Exception {
        String bucket = newBucketName();

        List<S3ImageStore> stores = concurrently(8, index -> open(s3.server().settings(bucket)));

        for (int index = 0; index < stores.size(); index++) {
            byte[] bytes = image(200 + index, 1_000);
            assertThat(stores.get(index).put(bytes, "image/jpeg")).isEqualTo(ImageKeys.of(bytes));
        }
    }

    @Test
    void recreatesABucketRemovedWhileRunning() throws Exception {
        String bucket = newBucketName();
        S3ImageStore store = open(s3.server().settings(bucket));
        s3.admin().removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());

        byte[] bytes = image(20, 1_000);
        String key = putEventually(store, bytes);

        assertThat(store.get(key))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
        assertThat(store.isAvailable()).isTrue();
    }

    @Test
    void listingSkipsObjectsThatAreNotImageKeys() throws Exception {
        String bucket = newBucketName();
        S3ImageStore store = open(s3.server().settings(bucket));
        String key = store.put(image(21, 1_000), "image/jpeg");
        for (String name : List.of("README.txt", "backup/" + key, key.toUpperCase(Locale.ROOT))) {
            s3.admin()
                    .putObject(PutObjectArgs.builder()
                            .bucket(bucket)
                            .object(name)
                            .data(new byte[] {1, 2, 3}, 3)
                            .build());
        }

        List<String> keys = new ArrayList<>();
        store.forEachKey(keys::add);

        assertThat(keys).containsExactly(key);
    }

    @Test
    void aMalformedMediaTypeIsStoredAsBytes() {
        byte[] bytes = image(22, 1_000);

        String key = store().put(bytes, "not a media type");

        assertThat(store().get(key))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(bytes));
    }

    @Test
    void theSecretKeyIsNeverShown() {
        S3Settings settings = s3.server().settings(newBucketName());
        S3ImageStore store = open(settings);

        assertThat(settings.toString())
                .doesNotContain(S3Server.SECRET_KEY)
                .contains(S3Server.ACCESS_KEY, settings.bucket(), "****");
        assertThat(store.toString()).doesNotContain(S3Server.SECRET_KEY);
    }

    @Test
    void aWrongSecretKeyIsUnavailableWithoutNamingEitherSecret() {
        String wrongSecret = "wrong-" + UUID.randomUUID();
        S3ImageStore store = open(
                new S3Settings(s3.server().endpoint(), S3Server.ACCESS_KEY, wrongSecret, newBucketName(), false, null));

        assertThat(store.isAvailable()).isFalse();
        for (ThrowingCallable call : calls(store)) {
            assertUnavailableWithout(call, wrongSecret, S3Server.SECRET_KEY);
        }
    }

    @Test
    void aClosedPortIsUnavailableAtOnce() throws Exception {
        S3ImageStore store = open(settingsFor(closedPort()));

        assertThat(store.isAvailable()).isFalse();
        for (ThrowingCallable call : calls(store)) {
            assertUnavailableWithout(call, S3Server.SECRET_KEY);
        }
    }

    @Test
    void aServerThatStopsMakesTheStoreUnavailable() throws Exception {
        S3Server stopping = S3Server.start();
        S3ImageStore store = open(stopping.settings(newBucketName()));
        String key = store.put(image(23, 1_000), "image/jpeg");

        stopping.close();

        assertThat(store.isAvailable()).isFalse();
        assertUnavailableWithout(() -> store.get(key), S3Server.SECRET_KEY);
        assertUnavailableWithout(() -> store.contains(key), S3Server.SECRET_KEY);
        assertUnavailableWithout(() -> store.put(image(24, 1_000), "image/jpeg"), S3Server.SECRET_KEY);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> acceptForever(silent));
            S3ImageStore store =
                    s3.closedAfterTheTest(new S3ImageStore(settingsFor(silent.getLocalPort()), SHORT, SHORT, SHORT));

            long started = System.nanoTime();
            assertThat(store.isAvailable()).isFalse();
            assertUnavailableWithout(() -> store.put(image(25, 1_000), "image/jpeg"), S3Server.SECRET_KEY);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private S3ImageStore open(S3Settings settings) {
        return s3.closedAfterTheTest(new S3ImageStore(settings));
    }

    private static List<ThrowingCallable> calls(S3ImageStore store) {
        String key = ImageKeys.of(image(30, 100));
        return List.of(
                () -> store.put(image(31, 1_000), "image/jpeg"),
                () -> store.get(key),
                () -> store.delete(key),
                () -> store.contains(key),
                () -> store.forEachKey(ignored -> {}));
    }

    /** Fails unless {@code call} throws {@code UNAVAILABLE} within 10 s with no secret in any message of the chain. */
    private static void assertUnavailableWithout(ThrowingCallable call, String... secrets) {
        long started = System.nanoTime();
        assertThatThrownBy(call).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE);
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause)).doesNotContain(secrets);
            }
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    private static S3Settings settingsFor(int port) {
        return new S3Settings(
                "127.0.0.1:" + port, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, newBucketName(), false, null);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void acceptForever(ServerSocket server) {
        List<Socket> held = new ArrayList<>();
        try {
            while (true) {
                held.add(server.accept()); // kept open and never answered
            }
        } catch (IOException closed) {
            for (Socket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the test is over
                }
            }
        }
    }

    /** The first put after the bucket vanished fails; the next one recreates the bucket. */
    private static String putEventually(S3ImageStore store, byte[] bytes) {
        try {
            return store.put(bytes, "image/jpeg");
        } catch (FaceException e) {
            return store.put(bytes, "image/jpeg");
        }
    }

    private static boolean bucketExists(String bucket) throws Exception {
        return s3.admin().bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    }

    private static String newBucketName() {
        return "images-" + BUCKETS.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
