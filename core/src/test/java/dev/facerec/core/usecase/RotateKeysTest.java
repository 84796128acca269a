package dev.facerec.core.usecase;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.crypto.EncryptedFaces;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceChange;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RotateKeysTest {
    private static final KeyRing KEYS = KeyRing.of("rotate-keys-test-secret-0123456789abcdef");
    private static final String CURRENT = KEYS.currentKeyId();

    private final Faces faces = new Faces();
    private final Store images = new Store();
    private final RotateKeys rotation = new RotateKeys(faces, faces.references(), images, KEYS, Clock.systemUTC());

    @Test
    void movesEverythingNotUnderTheCurrentKeyAndCountsWhatItCannot() {
        UUID legacy = faces.embedding(null);
        UUID old = faces.embedding("0ld0ld00");
        UUID current = faces.embedding(CURRENT);
        UUID damaged = faces.embedding("0ld0ld00");
        faces.damaged.add(damaged);
        String shared = images.putUnder("old", "photo one");
        faces.image(shared, "0ld0ld00", 2);
        String missing = Sha256.hex("never stored".getBytes(UTF_8));
        faces.image(missing, null, 1);

        assertThat(rotation.claim()).isTrue();
        assertThat(rotation.claim()).as("one run at a time").isFalse();
        RotationProgress done = rotation.run();

        assertThat(done.state()).isEqualTo(RotationProgress.State.DONE);
        assertThat(done.embeddingsTotal()).isEqualTo(3);
        assertThat(done.embeddingsDone()).isEqualTo(2);
        assertThat(done.imagesTotal()).isEqualTo(2);
        assertThat(done.imagesDone()).isEqualTo(1);
        assertThat(done.failed()).isEqualTo(2);
        assertThat(faces.embeddings).containsEntry(legacy, CURRENT).containsEntry(old, CURRENT);
        assertThat(faces.embeddings).containsEntry(current, CURRENT).containsEntry(damaged, "0ld0ld00");
        String moved = images.keyUnder("new", "photo one");
        assertThat(faces.images).containsEntry(moved, CURRENT).doesNotContainKey(shared);
        assertThat(faces.referenceCount).containsEntry(moved, 2);
        assertThat(images.objects).containsKey(moved).doesNotContainKey(shared);
    }

    @Test
    void aSecondRunOnlyRetriesWhatIsLeft() {
        faces.embedding(null);
        UUID damaged = faces.embedding(null);
        faces.damaged.add(damaged);
        rotation.claim();
        rotation.run();

        faces.damaged.clear();
        rotation.claim();
        RotationProgress second = rotation.run();

        assertThat(second.embeddingsTotal()).isOne();
        assertThat(second.embeddingsDone()).isOne();
        assertThat(second.failed()).isZero();
        assertThat(faces.embeddings.values()).containsOnly(CURRENT);
    }

    @Test
    void aDatabaseThatFailsMidRunEndsTheRunAsFailedAndReleasesIt() {
        faces.embedding(null);
        faces.unavailable = true;

        assertThat(rotation.claim()).isTrue();
        RotationProgress failed = rotation.run();

        assertThat(failed.state()).isEqualTo(RotationProgress.State.FAILED);
        assertThat(failed.error()).isEqualTo("FaceException");
        faces.unavailable = false;
        assertThat(rotation.claim()).isTrue();
        assertThat(rotation.run().state()).isEqualTo(RotationProgress.State.DONE);
    }

    /**
     * The object under the new key is shared with a face enrolled under the current key; that face is deleted just
     * after the rotation's store, before it takes the face write lock, and the deletion's cleanup finds the object
     * unreferenced (the rotated faces still refer to the old key) and deletes it.
     */
    @Test
    void anImageUnderTheNewKeyDeletedBetweenTheStoreAndTheCommitIsStoredAgain() {
        String old = images.putUnder("old", "photo one");
        faces.image(old, "0ld0ld00", 2);
        String moved = images.putUnder("new", "photo one");
        faces.image(moved, CURRENT, 1);
        faces.beforeNextReplace(() -> {
            faces.deleteFacesOf(moved);
            assertThat(faces.references().deleteImageIfUnreferenced(moved, images::delete))
                    .isTrue();
        });

        assertThat(rotation.claim()).isTrue();
        RotationProgress done = rotation.run();

        assertThat(done.imagesDone()).isOne();
        assertThat(done.failed()).isZero();
        assertThat(faces.images).containsOnlyKeys(moved);
        assertThat(faces.referenceCount).containsEntry(moved, 2);
        assertThat(images.objects).containsOnlyKeys(moved);
        assertThat(images.objects.get(moved)).asString(UTF_8).isEqualTo("photo one");
    }

    /** A key change between the store and the lock would point the faces at a name nothing is stored under. */
    @Test
    void anImageDeletedWhileTheStoreChangedKeysFailsAndMovesNoFace() {
        String old = images.putUnder("old", "photo one");
        faces.image(old, "0ld0ld00", 1);
        String moved = images.keyUnder("new", "photo one");
        faces.beforeNextReplace(() -> {
            assertThat(faces.references().deleteImageIfUnreferenced(moved, images::delete))
                    .isTrue();
            images.current = "newer";
        });

        assertThat(rotation.claim()).isTrue();
        RotationProgress done = rotation.run();

        assertThat(done.imagesDone()).isZero();
        assertThat(done.failed()).isOne();
        assertThat(faces.images).containsOnlyKeys(old);
        assertThat(images.objects).containsKey(old).doesNotContainKey(moved);
    }

    /** Faces as key rotation sees them: key ids per embedding, and image keys with their key id and references. */
    private static final class Faces implements EncryptedFaces {
        final Map<UUID, String> embeddings = new TreeMap<>();
        final Map<String, String> images = new TreeMap<>();
        final Map<String, Integer> referenceCount = new HashMap<>();
        final Set<UUID> damaged = new HashSet<>();
        boolean unavailable;
        private Runnable beforeNextReplace;

        UUID embedding(String keyId) {
            UUID id = UUID.randomUUID();
            embeddings.put(id, keyId);
            return id;
        }

        void image(String key, String keyId, int references) {
            images.put(key, keyId);
            referenceCount.put(key, references);
        }

        private void checkAvailable() {
            if (unavailable) {
                throw new FaceException(FaceErrorCode.UNAVAILABLE, "database down");
            }
        }

        @Override
        public long countEmbeddingsNotUnder(String keyId) {
            return embeddings.values().stream().filter(k -> !keyId.equals(k)).count();
        }

        @Override
        public List<UUID> embeddingsNotUnder(String keyId, UUID after, int limit) {
            checkAvailable();
            return embeddings.entrySet().stream()
                    .filter(e -> !keyId.equals(e.getValue()))
                    .map(Map.Entry::getKey)
                    .filter(id -> after == null || id.compareTo(after) > 0)
                    .limit(limit)
                    .toList();
        }

        @Override
        public boolean reEncryptEmbedding(UUID faceId) {
            if (damaged.contains(faceId)) {
                throw new FaceException(FaceErrorCode.DATA_INTEGRITY, "altered");
            }
            return embeddings.replace(faceId, CURRENT) != null || embeddings.containsKey(faceId);
        }

        @Override
        public long countImagesNotUnder(String keyId) {
            return images.values().stream().filter(k -> !keyId.equals(k)).count();
        }

        @Override
        public List<String> imagesNotUnder(String keyId, String after, int limit) {
            return images.entrySet().stream()
                    .filter(e -> !keyId.equals(e.getValue()))
                    .map(Map.Entry::getKey)
                    .filter(key -> after == null || key.compareTo(after) > 0)
                    .limit(limit)
                    .toList();
        }

        /** Runs {@code hook} once, at the start of the next {@link #replaceImage}, before it takes the lock. */
        void beforeNextReplace(Runnable hook) {
            beforeNextReplace = Objects.requireNonNull(hook, "hook is null");
        }

        /** A face write under the lock: the step first, and nothing changes if it throws. */
        @Override
        public int replaceImage(String oldKey, String newKey, String keyId, Runnable beforeCommit) {
            Runnable hook = beforeNextReplace;
            beforeNextReplace = null;
            if (hook != null) {
                hook.run();
            }
            beforeCommit.run();
            Integer count = referenceCount.remove(oldKey);
            images.remove(oldKey);
            if (count == null) {
                return 0;
            }
            referenceCount.merge(newKey, count, Integer::sum);
            images.put(newKey, keyId);
            return count;
        }

        /** The faces that refer to {@code key} are deleted. */
        void deleteFacesOf(String key) {
            images.remove(key);
            referenceCount.remove(key);
        }

        /** Only what rotation asks of the face repository: to delete an image no face refers to any more. */
        FaceRepository references() {
            return new FaceRepository() {
                @Override
                public boolean isImageReferenced(String imageKey) {
                    return referenceCount.getOrDefault(imageKey, 0) > 0;
                }

                @Override
                public boolean deleteImageIfUnreferenced(String imageKey, Consumer<String> deleteImage) {
                    if (isImageReferenced(imageKey)) {
                        return false;
                    }
                    deleteImage.accept(imageKey);
                    return true;
                }

                @Override
                public EnrolledFace add(EnrolledFace face, Runnable beforeCommit) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Optional<EnrolledFace> find(UUID faceId) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public List<EnrolledFace> findByPerson(UUID personId) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public dev.facerec.core.person.Page<EnrolledFace> findByGallery(
                        UUID galleryId, dev.facerec.core.person.PageRequest request) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Optional<EnrolledFace> delete(UUID faceId) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public List<UUID> enrolledBefore(UUID galleryId, java.time.Instant before, int limit) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long forEachFace(String modelId, Consumer<EnrolledFace> consumer) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long lastChange() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public List<FaceChange> changesAfter(long after, int limit) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    /** A store whose keys depend on the key "label" it writes under, as an encrypting store's do. */
    private static final class Store implements ImageStore {
        final Map<String, byte[]> objects = new HashMap<>();
        String current = "new";

        String keyUnder(String label, String content) {
            return Sha256.hex((label + "|" + content).getBytes(UTF_8));
        }

        String putUnder(String label, String content) {
            String key = keyUnder(label, content);
            objects.put(key, content.getBytes(UTF_8));
            return key;
        }

        @Override
        public String put(byte[] bytes, String mediaType) {
            return putUnder(current, new String(bytes, UTF_8));
        }

        @Override
        public Optional<byte[]> get(String key) {
            return Optional.ofNullable(objects.get(Objects.requireNonNull(key)));
        }

        @Override
        public boolean contains(String key) {
            return objects.containsKey(Objects.requireNonNull(key));
        }

        @Override
        public void delete(String key) {
            objects.remove(key);
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public void forEachKey(Consumer<? super String> action) {
            objects.keySet().forEach(action);
        }
    }
}
