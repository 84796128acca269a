package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.Point;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Starts {@link PersistenceConfiguration} once per test class on the database a subclass chooses. Tests share the
 * database, so each works in galleries of its own and looks at the change log after its own starting point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RepositoryContractTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private TestDatabase database;
    AnnotationConfigApplicationContext context;
    GalleryRepository galleries;
    PersonRepository persons;
    FaceRepository faces;
    private final Random random = new Random(42);

    /** The database these tests run against; called once per class. */
    abstract TestDatabase openDatabase(Path temporaryDirectory);

    @BeforeAll
    void start(@TempDir Path temporaryDirectory) {
        database = openDatabase(temporaryDirectory);
        context = start(database.settings());
        galleries = context.getBean(GalleryRepository.class);
        persons = context.getBean(PersonRepository.class);
        faces = context.getBean(FaceRepository.class);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** The step {@link FaceRepository#add} runs before it commits, for tests whose images need no checking. */
    static final Runnable NOTHING_BEFORE_COMMIT = () -> {};

    /** Long enough for a call that does not wait for the face write lock to get through; short of H2's 2 s lock wait. */
    static final Duration WHILE_HELD = Duration.ofMillis(500);

    /** Blocks a call the test holds inside the face write lock until the test lets it go on. */
    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let this call go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Holds a {@link FaceRepository#deleteImageIfUnreferenced} of {@code imageKey} inside its delete callback, so under
     * the face write lock, then starts {@code write} with a step and checks that the step waits for the delete to
     * commit (which deletes: nothing referred to the key yet). Returns what the write returned.
     */
    <T> T writeWhoseStepWaitsForAnImageDelete(String imageKey, Function<Runnable, T> write) throws Exception {
        CountDownLatch inDelete = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stepStarted = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
            try {
                Future<Boolean> deleting = executor.submit(() -> faces.deleteImageIfUnreferenced(imageKey, key -> {
                    inDelete.countDown();
                    await(release);
                }));
                assertThat(inDelete.await(10, TimeUnit.SECONDS))
                        .as("the delete started")
                        .isTrue();
                Future<T> writing = executor.submit(() -> write.apply(stepStarted::countDown));

                assertThat(stepStarted.await(WHILE_HELD.toMillis(), TimeUnit.MILLISECONDS))
                        .as("the step started while the image was being deleted")
                        .isFalse();

                release.countDown();
                assertThat(deleting.get(10, TimeUnit.SECONDS)).as("deleted").isTrue();
                assertThat(stepStarted.await(10, TimeUnit.SECONDS)).isTrue();
                return writing.get(10, TimeUnit.SECONDS);
            } finally {
                release.countDown();
            }
        }
    }

    /** The ring every test context seals embeddings under unless a test starts one with another. */
    static final KeyRing KEYS = KeyRing.of("repository-contract-test-secret-0123456789");

    TestDatabase database() {
        return database;
    }

    static AnnotationConfigApplicationContext start(DatabaseSettings settings) {
        return start(settings, KEYS);
    }

    static AnnotationConfigApplicationContext start(DatabaseSettings settings, KeyRing keys) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        // The settings, the key ring and the clock come from the importing context, as the api's wiring supplies them.
        context.registerBean(DatabaseSettings.class, () -> settings);
        context.registerBean(KeyRing.class, () -> keys);
        context.registerBean(Clock.class, Clock::systemUTC);
        context.register(PersistenceConfiguration.class);
        context.refresh();
        return context;
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID();
    }

    Gallery newGallery() {
        return galleries.create(new Gallery(UUID.randomUUID(), uniqueName("gallery"), Instant.now()));
    }

    Person newPerson(UUID galleryId) {
        return persons.create(person(galleryId, "person", null));
    }

    static Person person(UUID galleryId, String name, String externalId) {
        Instant now = Instant.now();
        return new Person(UUID.randomUUID(), galleryId, name, externalId, "{\"team\":\"a\"}", now, now);
    }

    EnrolledFace face(Person person, String modelId) {
        float[] raw = new float[512];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) random.nextGaussian();
        }
        List<Point> landmarks = List.of(
                new Point(10.5f, 20.25f),
                new Point(30.125f, 20f),
                new Point(20f, 30f),
                new Point(12f, 40f),
                new Point(28f, 40.75f));
        DetectedFace detected = new DetectedFace(new BoundingBox(1.5f, 2.5f, 100.25f, 120.75f), landmarks, 0.93f);
        return new EnrolledFace(
                UUID.randomUUID(),
                person.id(),
                person.galleryId(),
                "images/" + UUID.randomUUID(),
                "ab".repeat(32),
                detected,
                0.81f,
                Embedding.normalised(raw, modelId),
                Instant.now());
    }

    EnrolledFace addFace(Person person, String modelId) {
        return faces.add(face(person, modelId), NOTHING_BEFORE_COMMIT);
    }

    /** The last sequence of the change log now (forEachFace of a model without faces reads only that). */
    long lastSequence() {
        return faces.forEachFace("no-such-model", face -> {});
    }
}
