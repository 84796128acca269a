package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceChange;
import dev.facerec.core.person.FaceChange.Kind;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.person.Person;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/** The {@link dev.facerec.core.person.FaceRepository} contract, change log included, for every database. */
abstract class FaceRepositoryContractTest extends RepositoryContractTest {
    @Test
    void aFaceRoundTripsWithItsEmbeddingBitForBit() {
        Person person = newPerson(newGallery().id());
        EnrolledFace face = face(person, "model-a");

        EnrolledFace added = faces.add(face, NOTHING_BEFORE_COMMIT);
        EnrolledFace found = faces.find(face.id()).orElseThrow();

        for (EnrolledFace stored : List.of(added, found)) {
            assertSameFace(stored, face);
        }
        assertThat(faces.find(UUID.randomUUID())).isEmpty();
    }

    static void assertSameFace(EnrolledFace actual, EnrolledFace expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.personId()).isEqualTo(expected.personId());
        assertThat(actual.galleryId()).isEqualTo(expected.galleryId());
        assertThat(actual.imageKey()).isEqualTo(expected.imageKey());
        assertThat(actual.imageSha256()).isEqualTo(expected.imageSha256());
        assertThat(actual.face()).isEqualTo(expected.face());
        assertThat(actual.quality()).isEqualTo(expected.quality());
        assertThat(actual.modelId()).isEqualTo(expected.modelId());
        assertThat(actual.createdAt()).isEqualTo(EntityMapper.stored(expected.createdAt()));
        // Bit-exact: the column holds the floats written and reading does not normalise again.
        assertThat(bits(actual.embedding().vector()))
                .containsExactly(bits(expected.embedding().vector()));
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    @Test
    void facesOfAPersonComeOldestFirstAndImagesStayReferencedWhileAFaceUsesThem() {
        Person person = newPerson(newGallery().id());
        EnrolledFace first = addFace(person, "model-a");
        EnrolledFace second = addFace(person, "model-a");

        assertThat(faces.findByPerson(person.id()))
                .extracting(EnrolledFace::id)
                .containsExactly(first.id(), second.id());
        assertThat(faces.isImageReferenced(first.imageKey())).isTrue();
        faces.delete(first.id());
        assertThat(faces.isImageReferenced(first.imageKey())).isFalse();
    }

    @Test
    void facesOfAPersonPageOldestFirstWithTheirCount() {
        Person person = newPerson(newGallery().id());
        Person other = newPerson(person.galleryId());
        EnrolledFace first = addFace(person, "model-a");
        addFace(person, "model-a");
        addFace(person, "model-a");
        addFace(other, "model-a");
        // The order of the whole list (faces enrolled in the same instant fall back to their ids).
        List<UUID> order =
                faces.findByPerson(person.id()).stream().map(EnrolledFace::id).toList();

        Page<EnrolledFace> firstPage = faces.findByPerson(person.id(), new PageRequest(0, 2));
        assertThat(firstPage.items()).extracting(EnrolledFace::id).containsExactlyElementsOf(order.subList(0, 2));
        assertThat(firstPage.total()).isEqualTo(3);
        assertSameFace(
                faces.findByPerson(person.id(), new PageRequest(order.indexOf(first.id()), 1))
                        .items()
                        .getFirst(),
                first);
        Page<EnrolledFace> secondPage = faces.findByPerson(person.id(), new PageRequest(1, 2));
        assertThat(secondPage.items()).extracting(EnrolledFace::id).containsExactlyElementsOf(order.subList(2, 3));
        assertThat(secondPage.page()).isEqualTo(1);
        assertThat(faces.findByPerson(person.id(), new PageRequest(Integer.MAX_VALUE, PageRequest.MAX_SIZE)))
                .isEqualTo(new Page<EnrolledFace>(List.of(), Integer.MAX_VALUE, PageRequest.MAX_SIZE, 3));
        assertThat(faces.findByPerson(UUID.randomUUID(), new PageRequest(0, 2)).total())
                .isZero();
    }

    @Test
    void facesOfAGalleryPageOldestFirstAcrossPersonsWithTheirCount() {
        Instant start = Instant.parse("2026-02-01T00:00:00Z");
        Person alice = newPerson(newGallery().id());
        Person bob = newPerson(alice.galleryId());
        Person elsewhere = newPerson(newGallery().id());
        EnrolledFace first = faces.add(enrolledAt(alice, start), NOTHING_BEFORE_COMMIT);
        EnrolledFace second = faces.add(enrolledAt(bob, start.plusSeconds(1)), NOTHING_BEFORE_COMMIT);
        EnrolledFace third = faces.add(enrolledAt(alice, start.plusSeconds(2)), NOTHING_BEFORE_COMMIT);
        faces.add(enrolledAt(elsewhere, start), NOTHING_BEFORE_COMMIT);

        Page<EnrolledFace> firstPage = faces.findByGallery(alice.galleryId(), new PageRequest(0, 2));
        assertThat(firstPage.items()).extracting(EnrolledFace::id).containsExactly(first.id(), second.id());
        assertThat(firstPage.total()).isEqualTo(3);
        assertThat(faces.findByGallery(alice.galleryId(), new PageRequest(1, 2)).items())
                .extracting(EnrolledFace::id)
                .containsExactly(third.id());
        assertThat(faces.findByGallery(alice.galleryId(), new PageRequest(Integer.MAX_VALUE, PageRequest.MAX_SIZE)))
                .isEqualTo(new Page<EnrolledFace>(List.of(), Integer.MAX_VALUE, PageRequest.MAX_SIZE, 3));
        assertThat(faces.findByGallery(UUID.randomUUID(), new PageRequest(0, 2)).total())
                .isZero();
    }

    @Test
    void enrolledBeforeListsOneGallerysOlderFacesOldestFirstUpToTheLimit() {
        Instant cutoff = Instant.parse("2026-01-10T00:00:00Z");
        Person person = newPerson(newGallery().id());
        Person elsewhere = newPerson(newGallery().id());
        EnrolledFace oldest = faces.add(enrolledAt(person, cutoff.minus(Duration.ofDays(9))), NOTHING_BEFORE_COMMIT);
        EnrolledFace older = faces.add(enrolledAt(person, cutoff.minus(Duration.ofDays(3))), NOTHING_BEFORE_COMMIT);
        EnrolledFace old = faces.add(enrolledAt(person, cutoff.minusNanos(1000)), NOTHING_BEFORE_COMMIT);
        faces.add(enrolledAt(person, cutoff), NOTHING_BEFORE_COMMIT);
        faces.add(enrolledAt(person, cutoff.plus(Duration.ofDays(1))), NOTHING_BEFORE_COMMIT);
        faces.add(enrolledAt(elsewhere, cutoff.minus(Duration.ofDays(30))), NOTHING_BEFORE_COMMIT);

        assertThat(faces.enrolledBefore(person.galleryId(), cutoff, 10))
                .containsExactly(oldest.id(), older.id(), old.id());
        assertThat(faces.enrolledBefore(person.galleryId(), cutoff, 2)).containsExactly(oldest.id(), older.id());
        assertThat(faces.enrolledBefore(UUID.randomUUID(), cutoff, 10)).isEmpty();
        faces.delete(oldest.id());
        assertThat(faces.enrolledBefore(person.galleryId(), cutoff, 10)).containsExactly(older.id(), old.id());
    }

    private EnrolledFace enrolledAt(Person person, Instant createdAt) {
        EnrolledFace face = face(person, "model-a");
        return new EnrolledFace(
                face.id(),
                face.personId(),
                face.galleryId(),
                face.imageKey(),
                face.imageSha256(),
                face.face(),
                face.quality(),
                face.embedding(),
                createdAt);
    }

    @Test
    void aFaceForAMissingPersonIsNotFoundBeforeTheStepRuns() {
        Person ghost = person(newGallery().id(), "ghost", null);
        AtomicBoolean stepRan = new AtomicBoolean();

        assertThatThrownBy(() -> faces.add(face(ghost, "model-a"), () -> stepRan.set(true)))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.NOT_FOUND));
        assertThat(stepRan).isFalse();
    }

    @Test
    void anAddWhoseStepThrowsSavesNothing() {
        Person person = newPerson(newGallery().id());
        EnrolledFace face = face(person, "model-a");
        long start = lastSequence();
        IllegalStateException storeDown = new IllegalStateException("the image store is down");

        assertThatThrownBy(() -> faces.add(face, () -> {
                    throw storeDown;
                }))
                .isSameAs(storeDown);

        assertThat(faces.find(face.id())).isEmpty();
        assertThat(faces.isImageReferenced(face.imageKey())).isFalse();
        assertThat(faces.changesAfter(start, 100))
                .extracting(FaceChange::faceId)
                .doesNotContain(face.id());
        assertThat(addFace(person, "model-a").personId())
                .as("the lock was released")
                .isEqualTo(person.id());
    }

    @Test
    void anImageIsDeletedOnlyWhileNoFaceRefersToIt() {
        Person person = newPerson(newGallery().id());
        EnrolledFace face = addFace(person, "model-a");
        List<String> deleted = new CopyOnWriteArrayList<>();

        assertThat(faces.deleteImageIfUnreferenced(face.imageKey(), deleted::add))
                .isFalse();
        assertThat(deleted).isEmpty();

        faces.delete(face.id());
        assertThat(faces.deleteImageIfUnreferenced(face.imageKey(), deleted::add))
                .isTrue();
        assertThat(deleted).containsExactly(face.imageKey());
        assertThat(faces.deleteImageIfUnreferenced("images/never-stored", deleted::add))
                .isTrue();
    }

    @Test
    void aFailedImageDeleteIsThrownAsItIs() {
        IllegalStateException storeDown = new IllegalStateException("the image store is down");

        assertThatThrownBy(() -> faces.deleteImageIfUnreferenced("images/" + UUID.randomUUID(), key -> {
                    throw storeDown;
                }))
                .isSameAs(storeDown);
    }

    /**
     * Race 1 and 2 of an image shared by identical uploads: a deleter that checked while an enrolment was between its
     * image check and its commit would delete the image of a face about to commit.
     */
    @Test
    void anImageDeleteWaitsForAnAddInsideItsStepAndThenFindsTheImageReferenced() throws Exception {
        EnrolledFace face = face(newPerson(newGallery().id()), "model-a");
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch endStep = new CountDownLatch(1);
        List<String> deleted = new CopyOnWriteArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
            try {
                Future<EnrolledFace> adding = executor.submit(() -> faces.add(face, () -> {
                    inStep.countDown();
                    await(endStep);
                }));
                assertThat(inStep.await(10, TimeUnit.SECONDS))
                        .as("the step started")
                        .isTrue();
                Future<Boolean> deleting =
                        executor.submit(() -> faces.deleteImageIfUnreferenced(face.imageKey(), deleted::add));

                Thread.sleep(WHILE_HELD);
                assertThat(deleted).as("deleted while the face was being added").isEmpty();
                assertThat(deleting).isNotDone();

                endStep.countDown();
                assertThat(adding.get(10, TimeUnit.SECONDS).id()).isEqualTo(face.id());
                assertThat(deleting.get(10, TimeUnit.SECONDS)).as("deleted").isFalse();
            } finally {
                endStep.countDown();
            }
        }
        assertThat(deleted).isEmpty();
    }

    /** The other order: an enrolment that takes the lock after a delete finds the image gone and stores it again. */
    @Test
    void anAddsStepWaitsForAnImageDeleteInProgressToCommit() throws Exception {
        EnrolledFace face = face(newPerson(newGallery().id()), "model-a");
        EnrolledFace added = writeWhoseStepWaitsForAnImageDelete(face.imageKey(), step -> faces.add(face, step));

        assertThat(added.id()).isEqualTo(face.id());
        assertThat(faces.isImageReferenced(face.imageKey())).isTrue();
    }

    @Test
    void addAndDeleteAreLoggedInOrder() {
        Person person = newPerson(newGallery().id());
        long start = lastSequence();

        EnrolledFace face = addFace(person, "model-a");
        assertThat(faces.delete(face.id())).isPresent();
        assertThat(faces.delete(face.id())).isEmpty();

        List<FaceChange> changes = faces.changesAfter(start, 10);
        assertThat(changes).extracting(FaceChange::kind).containsExactly(Kind.ADDED, Kind.REMOVED);
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.faceId()).isEqualTo(face.id());
            assertThat(change.personId()).isEqualTo(person.id());
            assertThat(change.galleryId()).isEqualTo(person.galleryId());
        });
        assertThat(changes.get(0).sequence())
                .isGreaterThan(start)
                .isLessThan(changes.get(1).sequence());
        assertThat(faces.changesAfter(start, 1)).containsExactly(changes.get(0));
        assertThat(faces.changesAfter(changes.get(1).sequence(), 10)).isEmpty();
    }

    @Test
    void deletingAPersonOrAGalleryLogsTheRemovalOfEachFace() {
        Gallery gallery = newGallery();
        Person person = newPerson(gallery.id());
        Person other = newPerson(gallery.id());
        Set<UUID> personFaces = Set.of(
                addFace(person, "model-a").id(), addFace(person, "model-b").id());
        Set<UUID> otherFaces =
                Set.of(addFace(other, "model-a").id(), addFace(other, "model-a").id());

        long start = lastSequence();
        assertThat(faces.lastChange()).isEqualTo(start);
        persons.delete(person.id());
        List<FaceChange> personRemovals = faces.changesAfter(start, 10);
        long middle = lastSequence();
        assertThat(faces.lastChange())
                .as("the last removal logged")
                .isEqualTo(personRemovals.getLast().sequence())
                .isEqualTo(middle);
        galleries.delete(gallery.id());
        List<FaceChange> galleryRemovals = faces.changesAfter(middle, 10);

        assertThat(personRemovals).extracting(FaceChange::kind).containsOnly(Kind.REMOVED);
        assertThat(personRemovals).extracting(FaceChange::faceId).containsExactlyInAnyOrderElementsOf(personFaces);
        assertThat(galleryRemovals).extracting(FaceChange::kind).containsOnly(Kind.REMOVED);
        assertThat(galleryRemovals).extracting(FaceChange::faceId).containsExactlyInAnyOrderElementsOf(otherFaces);
    }

    @Test
    void forEachFaceStreamsEveryFaceOfTheModelAcrossPagesAndNoOther() {
        Gallery first = newGallery();
        Gallery second = newGallery();
        String model = uniqueName("model");
        Set<UUID> expected = new HashSet<>();
        for (Gallery gallery : List.of(first, second)) {
            Person person = newPerson(gallery.id());
            for (int i = 0; i < 4; i++) {
                expected.add(addFace(person, model).id());
            }
            addFace(person, "another-model");
        }
        long before = lastSequence();
        List<EnrolledFace> streamed = new ArrayList<>();

        long sequence = withPageSize(3).forEachFace(model, streamed::add);

        assertThat(streamed).extracting(EnrolledFace::id).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(streamed).extracting(EnrolledFace::modelId).containsOnly(model);
        assertThat(sequence).isEqualTo(before);
        EnrolledFace later =
                addFace(persons.find(streamed.getFirst().personId()).orElseThrow(), model);
        assertThat(faces.changesAfter(sequence, 10))
                .extracting(FaceChange::faceId)
                .containsExactly(later.id());
    }

    /** The same repository with small pages, so that a handful of faces spans several. */
    private JpaFaceRepository withPageSize(int pageSize) {
        EntityManager entityManager =
                SharedEntityManagerCreator.createSharedEntityManager(context.getBean(EntityManagerFactory.class));
        return new JpaFaceRepository(
                entityManager,
                context.getBean(FaceRows.class),
                context.getBean(FaceChangeRows.class),
                new ChangeLog(entityManager, Clock.systemUTC()),
                new Transactions(context.getBean(JpaTransactionManager.class)),
                KEYS,
                pageSize);
    }

    /**
     * Sequence numbers are taken at insert and become visible at commit; without serialised writers a reader that
     * moves its cursor past a visible change can skip one that commits later with a smaller number.
     */
    @Test
    void aReaderFollowingTheLogNeverMissesAChangeFromConcurrentWriters() throws Exception {
        int writers = 4;
        int facesPerWriter = 25;
        Person person = newPerson(newGallery().id());
        long cursor = lastSequence();
        Set<UUID> seen = new HashSet<>();
        List<UUID> added;
        try (ExecutorService executor = Executors.newFixedThreadPool(writers)) {
            List<Future<List<UUID>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                results.add(executor.submit(() -> {
                    List<UUID> ids = new ArrayList<>();
                    for (int i = 0; i < facesPerWriter; i++) {
                        ids.add(addFace(person, "model-a").id());
                    }
                    return ids;
                }));
            }
            boolean writing = true;
            while (writing) {
                writing = !results.stream().allMatch(Future::isDone);
                // After the writers are done one more pass reads the rest; the cursor never moves back.
                for (FaceChange change : faces.changesAfter(cursor, 7)) {
                    assertThat(change.sequence()).isGreaterThan(cursor);
                    cursor = change.sequence();
                    seen.add(change.faceId());
                }
            }
            added = new ArrayList<>();
            for (Future<List<UUID>> result : results) {
                added.addAll(result.get());
            }
        }
        for (List<FaceChange> rest = faces.changesAfter(cursor, 100); !rest.isEmpty(); ) {
            rest.forEach(change -> seen.add(change.faceId()));
            cursor = rest.getLast().sequence();
            rest = faces.changesAfter(cursor, 100);
        }

        assertThat(added).hasSize(writers * facesPerWriter);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(added);
    }
}
