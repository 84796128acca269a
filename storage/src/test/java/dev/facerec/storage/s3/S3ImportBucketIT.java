package dev.facerec.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.job.BucketObject;
import dev.facerec.core.job.ImportPrefix;
import io.minio.MakeBucketArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The import side of the bucket against a real S3 server: listing and reading under the root, and nothing else. */
class S3ImportBucketIT {
    private static final Duration SHORT = Duration.ofMillis(800);
    private static final ImportPrefix ROOT = ImportPrefix.root("imports/");

    @RegisterExtension
    static final S3ServerExtension s3 = new S3ServerExtension();

    private final String bucketName = "imports-" + UUID.randomUUID().toString().substring(0, 8);

    private S3ImportBucket bucket() throws Exception {
        s3.admin().makeBucket(MakeBucketArgs.builder().bucket(bucketName).build());
        return s3.closedAfterTheTest(new S3ImportBucket(s3.server().settings(bucketName), ROOT));
    }

    private void put(String key, byte[] bytes) throws Exception {
        s3.admin()
                .putObject(PutObjectArgs.builder().bucket(bucketName).object(key).stream(
                                new ByteArrayInputStream(bytes), (long) bytes.length, null)
                        .build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void listsTheObjectsUnderAPrefixInKeyOrderWithSizesAndEntityTagsAndStopsAtTheLimit() throws Exception {
        S3ImportBucket bucket = bucket();
        put("imports/staff/Bob/1.jpg", bytes("bob"));
        put("imports/staff/Ada/1.jpg", bytes("ada-one"));
        put("imports/staff/Ada/2.jpg", bytes("ada-two!"));
        put("imports/staffing/Carl/1.jpg", bytes("carl"));
        put("0".repeat(64), bytes("the service's own image"));

        List<BucketObject> listed = bucket.list(new ImportPrefix("imports/staff/"), 10);

        assertThat(listed)
                .extracting(BucketObject::key)
                .containsExactly("imports/staff/Ada/1.jpg", "imports/staff/Ada/2.jpg", "imports/staff/Bob/1.jpg");
        assertThat(listed).extracting(BucketObject::size).containsExactly(7L, 8L, 3L);
        assertThat(listed)
                .allSatisfy(object -> assertThat(object.etag()).isNotBlank().doesNotContain("\""));
        assertThat(bucket.list(new ImportPrefix("imports/staff/"), 2)).hasSize(2);
        assertThat(bucket.list(ROOT, 100)).hasSize(4);
        assertThat(bucket.list(new ImportPrefix("imports/nothing/"), 10)).isEmpty();
    }

    @Test
    void aListingLongerThanAPageIsFollowedToTheLimit() throws Exception {
        S3ImportBucket bucket = bucket();
        for (int i = 0; i < 1_005; i++) {
            put("imports/many/P/" + String.format("%04d", i) + ".jpg", bytes("x"));
        }
        assertThat(bucket.list(new ImportPrefix("imports/many/"), 1_003)).hasSize(1_003);
    }

    @Test
    void readsTheListedVersionAndRefusesAChangedAGoneOrATooLargeObject() throws Exception {
        S3ImportBucket bucket = bucket();
        put("imports/a/P/1.jpg", bytes("first version"));
        put("imports/a/P/2.jpg", bytes("to be removed"));
        put("imports/a/P/3.jpg", new byte[5_000]);
        List<BucketObject> listed = bucket.list(new ImportPrefix("imports/a/"), 10);
        BucketObject first = listed.get(0);

        assertThat(bucket.read(first.key(), first.etag(), 100)).isEqualTo(bytes("first version"));
        assertThat(bucket.read(first.key(), null, 100)).isEqualTo(bytes("first version"));

        put("imports/a/P/1.jpg", bytes("second version"));
        assertRefused(() -> bucket.read(first.key(), first.etag(), 100), FaceErrorCode.CONFLICT);

        s3.admin()
                .removeObject(RemoveObjectArgs.builder()
                        .bucket(bucketName)
                        .object("imports/a/P/2.jpg")
                        .build());
        assertRefused(() -> bucket.read("imports/a/P/2.jpg", listed.get(1).etag(), 100), FaceErrorCode.NOT_FOUND);

        assertRefused(
                () -> bucket.read("imports/a/P/3.jpg", listed.get(2).etag(), 4_999), FaceErrorCode.IMAGE_TOO_LARGE);
        assertThat(bucket.read("imports/a/P/3.jpg", listed.get(2).etag(), 5_000))
                .hasSize(5_000);
    }

    @Test
    void nothingOutsideTheImportRootIsAskedFor() throws Exception {
        // A closed port: a request made would be UNAVAILABLE, so INVALID_REQUEST shows that none was made.
        S3ImportBucket bucket =
                s3.closedAfterTheTest(new S3ImportBucket(settingsFor(closedPort()), ROOT, SHORT, SHORT, SHORT));
        for (ThrowingCallable call : List.<ThrowingCallable>of(
                () -> bucket.list(new ImportPrefix("other/"), 10),
                () -> bucket.read("0".repeat(64), null, 100),
                () -> bucket.read("other/P/1.jpg", null, 100),
                () -> bucket.read("imports/../" + "0".repeat(64), null, 100),
                () -> bucket.read("imports//P/1.jpg", null, 100))) {
            assertRefused(call, FaceErrorCode.INVALID_REQUEST);
        }
        assertRefused(() -> bucket.list(ROOT, 10), FaceErrorCode.UNAVAILABLE);
    }

    @Test
    void aMissingBucketHasNothingToList() {
        S3ImportBucket bucket =
                s3.closedAfterTheTest(new S3ImportBucket(s3.server().settings(bucketName), ROOT));
        assertThat(bucket.list(ROOT, 10)).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersOrDripsTimesOutWithoutNamingTheSecret() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> serve(silent, false));
            S3ImportBucket bucket = s3.closedAfterTheTest(
                    new S3ImportBucket(settingsFor(silent.getLocalPort()), ROOT, SHORT, SHORT, SHORT));
            long started = System.nanoTime();
            assertRefused(() -> bucket.list(ROOT, 10), FaceErrorCode.UNAVAILABLE);
            assertRefused(() -> bucket.read("imports/P/1.jpg", null, 100), FaceErrorCode.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        try (ServerSocket dripping = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> serve(dripping, true));
            // Each byte comes well within the per-packet timeout; only the limit on the whole call stops it.
            S3ImportBucket bucket = s3.closedAfterTheTest(new S3ImportBucket(
                    settingsFor(dripping.getLocalPort()), ROOT, SHORT, SHORT, Duration.ofSeconds(2)));
            long started = System.nanoTime();
            assertRefused(() -> bucket.read("imports/P/1.jpg", null, 1_000_000), FaceErrorCode.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static void assertRefused(ThrowingCallable call, FaceErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause)).doesNotContain(S3Server.SECRET_KEY);
            }
        });
    }

    private S3Settings settingsFor(int port) {
        return new S3Settings("127.0.0.1:" + port, S3Server.ACCESS_KEY, S3Server.SECRET_KEY, bucketName, false, null);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Accepts connections and never answers, or answers 200 with a large body sent a byte every 100 ms. */
    private static void serve(ServerSocket server, boolean drip) {
        List<Socket> held = new ArrayList<>();
        try {
            while (true) {
                Socket socket = server.accept();
                held.add(socket);
                if (drip) {
                    Thread.ofVirtual().start(() -> drip(socket));
                }
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

    private static void drip(Socket socket) {
        try {
            socket.getInputStream().read(new byte[8192]);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 1_000_000; i++) {
                out.write(0);
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up
        }
    }
}
