package dev.facerec.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.crypto.EncryptedFaces;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Person;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Encryption at rest of the embedding column, proved on the raw column read over plain JDBC: what a database dump
 * would show; and the contract of {@link EncryptedFaces}, key rotation's port, moving faces to a new image key under
 * the face write lock.
 */
abstract class EncryptedEmbeddingsContractTest extends RepositoryContractTest {
    private static final String OTHER_SECRET = "rotated-secret-for-the-contract-test-987654";
    /** The key id an image is moved under; {@link EncryptedFaces#replaceImage} records it and opens nothing. */
    private static final String OTHER_KEY_ID = KeyRing.of(OTHER_SECRET).currentKeyId();

    @Test
    void theRawColumnHoldsAnEnvelopeAndNoPlaintextFloats() throws SQLException {
        EnrolledFace face = addFace(newPerson(newGallery().id()), "model-a");
        byte[] plaintext = FloatBytes.encode(face.embedding().vector());

        byte[] raw = rawEmbedding(face.id());

        assertThat(new String(raw, 0, 4, UTF_8)).isEqualTo("frec");
        assertThat(KeyRing.keyIdOf(raw)).contains(KEYS.currentKeyId());
        assertThat(rawKeyIds(face.id())).containsExactly(KEYS.currentKeyId(), KEYS.currentKeyId());
        // No 8-byte run of the float32 vector (two components) appears anywhere in the stored bytes.
        for (int offset = 0; offset + 8 <= plaintext.length; offset += 4) {
            assertThat(indexOf(raw, Arrays.copyOfRange(plaintext, offset, offset + 8)))
                    .as("plaintext bytes at offset %d", offset)
                    .isNegative();
        }
    }

    @Test
    void anAlteredColumnIsAnIntegrityErrorNotAnotherFace() throws SQLException {
        EnrolledFace face = addFace(newPerson(newGallery().id()), "model-a");
        byte[] raw = rawEmbedding(face.id());
        raw[raw.length / 2] ^= 0x40;
        writeEmbedding(face.id(), raw, KEYS.currentKeyId());

        assertIntegrityError(() -> faces.find(face.id()));
    }

    @Test
    void anEmbeddingCopiedIntoAnotherRowDoesNotOpen() throws SQLException {
        Person person = newPerson(newGallery().id());
        EnrolledFace victim = addFace(person, "model-a");
        EnrolledFace impostor = addFace(person, "model-a");

        writeEmbedding(victim.id(), rawEmbedding(impostor.id()), KEYS.currentKeyId());

        assertIntegrityError(() -> faces.find(victim.id()));
    }

    @Test
    void legacyPlaintextRowsReadAsTheyAreAndRotationEncryptsThem() throws SQLException {
        EnrolledFace face = addFace(newPerson(newGallery().id()), "model-legacy");
        writeEmbedding(face.id(), FloatBytes.encode(face.embedding().vector()), null);
        EncryptedFaces encrypted = context.getBean(EncryptedFaces.class);
        assertThat(encrypted.embeddingsNotUnder(KEYS.currentKeyId(), null, 10_000))
                .contains(face.id());

        FaceRepositoryContractTest.assertSameFace(faces.find(face.id()).orElseThrow(), face);
        assertThat(encrypted.reEncryptEmbedding(face.id())).isTrue();

        assertThat(KeyRing.keyIdOf(rawEmbedding(face.id()))).contains(KEYS.currentKeyId());
        assertThat(encrypted.embeddingsNotUnder(KEYS.currentKeyId(), null, 10_000))
                .doesNotContain(face.id());
        FaceRepositoryContractTest.assertSameFace(faces.find(face.id()).orElseThrow(), face);
    }

    @Test
    void afterRotationTheOldKeyCanBeRemovedAndEverythingStillReads() throws SQLException {
        Person person = newPerson(newGallery().id());
        List<EnrolledFace> added = List.of(addFace(person, "model-r"), addFace(person, "model-r"));
        KeyRing rotated = KeyRing.of(OTHER_SECRET.getBytes(UTF_8), List.of(secretOf()));
        String newKey = rotated.currentKeyId();

        try (AnnotationConfigApplicationContext during = start(database().settings(), rotated)) {
            EncryptedFaces encrypted = during.getBean(EncryptedFaces.class);
            FaceRepository duringFaces = during.getBean(FaceRepository.class);
            // Readable under the previous key before anything is re-encrypted.
            FaceRepositoryContractTest.assertSameFace(
                    duringFaces.find(added.get(0).id()).orElseThrow(), added.get(0));
            long before = encrypted.countEmbeddingsNotUnder(newKey);
            assertThat(before).isGreaterThanOrEqualTo(2);
            // Other tests of the class leave deliberately damaged rows in the shared database: those must fail.
            List<UUID> failed = new ArrayList<>();
            UUID after = null;
            List<UUID> page;
            while (!(page = encrypted.embeddingsNotUnder(newKey, after, 3)).isEmpty()) {
                for (UUID id : page) {
                    try {
                        encrypted.reEncryptEmbedding(id);
                    } catch (FaceException e) {
                        assertThat(e.code()).isEqualTo(FaceErrorCode.DATA_INTEGRITY);
                        failed.add(id);
                    }
                }
                after = page.getLast();
            }
            assertThat(failed).doesNotContainAnyElementsOf(ids(added));
            assertThat(encrypted.countEmbeddingsNotUnder(newKey)).isEqualTo(failed.size());
        }

        try (AnnotationConfigApplicationContext after = start(database().settings(), KeyRing.of(OTHER_SECRET))) {
            FaceRepository afterFaces = after.getBean(FaceRepository.class);
            for (EnrolledFace face : added) {
                assertThat(KeyRing.keyIdOf(rawEmbedding(face.id()))).contains(newKey);
                FaceRepositoryContractTest.assertSameFace(
                        afterFaces.find(face.id()).orElseThrow(), face);
            }
            List<EnrolledFace> streamed = new java.util.ArrayList<>();
            afterFaces.forEachFace("model-r", streamed::add);
            assertThat(streamed)
                    .extracting(EnrolledFace::id)
                    .containsAll(added.stream().map(EnrolledFace::id).toList());
        }
        // The first context, still holding only the old key, now meets data it cannot open: a clear error.
        assertIntegrityError(() -> faces.find(added.get(0).id()));
    }

    @Test
    void aReplaceWhoseStepThrowsChangesNoFace() throws SQLException {
        EnrolledFace face = addFace(newPerson(newGallery().id()), "model-a");
        String newKey = "images/" + UUID.randomUUID();
        IllegalStateException storeDown = new IllegalStateException("the image store is down");

        assertThatThrownBy(() -> encryptedFaces().replaceImage(face.imageKey(), newKey, OTHER_KEY_ID, () -> {
                    throw storeDown;
                }))
                .isSameAs(storeDown);

        assertThat(faces.find(face.id()).orElseThrow().imageKey()).isEqualTo(face.imageKey());
        assertThat(rawKeyIds(face.id()).get(1)).isEqualTo(KEYS.currentKeyId());
        assertThat(faces.isImageReferenced(newKey)).isFalse();
        assertThat(faces.deleteImageIfUnreferenced(newKey, key -> {}))
                .as("the lock was released")
                .isTrue();
    }

    /**
     * Key rotation stores an image under its new key, then points the faces at it: until they do, a deleter sees the
     * new key unreferenced (it may be shared with a face being deleted). One that checked while the move was between
     * its image check and its commit would delete the image the faces are about to refer to.
     */
    @Test
    void anImageDeleteWaitsForAReplaceInsideItsStepAndThenFindsTheImageReferenced() throws Exception {
        EnrolledFace face = addFace(newPerson(newGallery().id()), "model-a");
        String newKey = "images/" + UUID.randomUUID();
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch endStep = new CountDownLatch(1);
        List<String> deleted = new CopyOnWriteArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
            try {
                Future<Integer> replacing = executor.submit(
                        () -> encryptedFaces().replaceImage(face.imageKey(), newKey, OTHER_KEY_ID, () -> {
                            inStep.countDown();
                            await(endStep);
                        }));
                assertThat(inStep.await(10, TimeUnit.SECONDS))
                        .as("the step started")
                        .isTrue();
                Future<Boolean> deleting = executor.submit(() -> faces.deleteImageIfUnreferenced(newKey, deleted::add));

                Thread.sleep(WHILE_HELD);
                assertThat(deleted)
                        .as("deleted while the faces were being moved to it")
                        .isEmpty();
                assertThat(deleting).isNotDone();

                endStep.countDown();
                assertThat(replacing.get(10, TimeUnit.SECONDS))
                        .as("faces moved")
                        .isOne();
                assertThat(deleting.get(10, TimeUnit.SECONDS)).as("deleted").isFalse();
            } finally {
                endStep.countDown();
            }
        }
        assertThat(deleted).isEmpty();
        assertThat(faces.find(face.id()).orElseThrow().imageKey()).isEqualTo(newKey);
        assertThat(rawKeyIds(face.id()).get(1)).isEqualTo(OTHER_KEY_ID);
        assertThat(faces.isImageReferenced(face.imageKey())).isFalse();
    }

    /** The other order: a move that takes the lock after a delete finds the image gone and stores it again. */
    @Test
    void aReplacesStepWaitsForAnImageDeleteInProgressToCommit() throws Exception {
        EnrolledFace face = addFace(newPerson(newGallery().id()), "model-a");
        String newKey = "images/" + UUID.randomUUID();
        int moved = writeWhoseStepWaitsForAnImageDelete(
                newKey, step -> encryptedFaces().replaceImage(face.imageKey(), newKey, OTHER_KEY_ID, step));

        assertThat(moved).as("faces moved").isOne();
        assertThat(faces.isImageReferenced(newKey)).isTrue();
    }

    private EncryptedFaces encryptedFaces() {
        return context.getBean(EncryptedFaces.class);
    }

    private static List<UUID> ids(List<EnrolledFace> faces) {
        return faces.stream().map(EnrolledFace::id).toList();
    }

    private static byte[] secretOf() {
        return "repository-contract-test-secret-0123456789".getBytes(UTF_8);
    }

    private static void assertIntegrityError(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.DATA_INTEGRITY));
    }

    private DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    private byte[] rawEmbedding(UUID faceId) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("select embedding from faces where id = ?")) {
            statement.setObject(1, faceId);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private List<String> rawKeyIds(UUID faceId) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select embedding_key_id, image_key_id from faces where id = ?")) {
            statement.setObject(1, faceId);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return List.of(rows.getString(1), rows.getString(2));
            }
        }
    }

    private void writeEmbedding(UUID faceId, byte[] bytes, String keyId) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "update faces set embedding = ?, embedding_key_id = ? where id = ?")) {
            statement.setBytes(1, bytes);
            statement.setString(2, keyId);
            statement.setObject(3, faceId);
            assertThat(statement.executeUpdate()).isOne();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        // Latin-1 maps each byte to one char, so String.indexOf searches the bytes.
        return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
