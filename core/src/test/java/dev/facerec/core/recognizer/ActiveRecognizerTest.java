package dev.facerec.core.recognizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.account.Role;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Person;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.quality.QualityPolicy;
import dev.facerec.core.testing.FakeFaceDetector;
import dev.facerec.core.testing.FakeFaceEmbedder;
import dev.facerec.core.testing.FakeImageDecoder;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.core.testing.InMemoryGalleryIndex;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.IdentifyFaces;
import dev.facerec.core.usecase.IdentifyFaces.Identification;
import dev.facerec.core.usecase.IndexSynchronizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The seam between a model switch and the use cases: enrolment and identification wired to the views of one
 * {@link ActiveRecognizer}, as the service wires them, while a second recognizer is prepared, activated and the first
 * retired. The database is the fakes' (a switch-over's swap of stored embeddings is the persistence tests' part).
 */
class ActiveRecognizerTest {
    private static final Actor OPERATOR = new Actor("operator", Role.OPERATOR);

    private final FakePipeline fakes = new FakePipeline();
    private final Closing closedA = new Closing();
    private final Closing closedB = new Closing();
    private final Recognizer a = recognizer("model-a", closedA);
    private final Recognizer b = recognizer("model-b", closedB);
    private final ActiveRecognizer recognizers = new ActiveRecognizer(a);
    private final AtomicReference<ModelGuard> guard = new AtomicReference<>(ModelGuard.ANY);
    private final EnrollFace enroll = new EnrollFace(
            fakes.galleryAccess(),
            recognizers.decoder(),
            recognizers.detector(),
            recognizers.enrolmentEmbedder(),
            fakes.persons(),
            fakes.faces(),
            fakes.images,
            recognizers.index(),
            new QualityGate(QualityPolicy.ENROLLMENT),
            new dev.facerec.core.usecase.SubjectFace(QualityPolicy.ENROLLMENT, 0.5f),
            Clock.systemUTC(),
            DomainEvents.NONE,
            modelId -> guard.get().requireCurrent(modelId));
    private final IdentifyFaces identify = new IdentifyFaces(
            fakes.galleryAccess(),
            recognizers.decoder(),
            recognizers.detector(),
            recognizers.embedder(),
            fakes.cache,
            new QualityGate(QualityPolicy.QUERY),
            fakes.galleries(),
            fakes.persons(),
            recognizers.index());
    private final Gallery staff = fakes.galleries().create(new Gallery(UUID.randomUUID(), "staff", Instant.now()));
    private final Person alice = person("Alice");
    private final Person carol = person("Carol");

    @Test
    void enrolmentsTakeThePreparedModelWhileIdentificationStaysWithTheActiveOneUntilTheSwitch() {
        recognizers.rebuild();
        enrolled(alice);
        assertThat(identified("Alice").modelId()).isEqualTo("model-a");
        assertThat(match(identified("Alice"))).isEqualTo(alice.id());

        recognizers.prepare(b);
        EnrolledFace during = enrolled(carol);
        assertThat(during.modelId())
                .as("enrolled during the switch: the new model")
                .isEqualTo("model-b");
        assertThat(b.index().size(staff.id(), "model-b")).isEqualTo(1);
        assertThat(a.index().size(staff.id(), "model-b"))
                .as("never in the old index")
                .isZero();
        // Identification answers with the old model and its index until the new index is loaded and activated.
        assertThat(identified("Alice").modelId()).isEqualTo("model-a");
        assertThat(match(identified("Alice"))).isEqualTo(alice.id());

        b.synchronizer().rebuild();
        assertThat(recognizers.activate(b)).isSameAs(a);

        assertThat(recognizers.model().id()).isEqualTo("model-b");
        assertThat(recognizers.detector().modelId()).isEqualTo("detector-of-model-b");
        Identification after = identified("Carol");
        assertThat(after.modelId()).isEqualTo("model-b");
        assertThat(match(after)).isEqualTo(carol.id());
        assertThat(recognizers.enrolmentEmbedder().model().id()).isEqualTo("model-b");
        assertThat(closedA.closed)
                .as("kept for requests under way until retired")
                .isFalse();

        recognizers.retire(a);
        assertThat(closedA.closed).isTrue();
        assertThat(recognizers.all()).containsExactly(b);
    }

    @Test
    void aSearchWithAModelNoIndexHereHoldsAnyMoreIsRefusedRetryably() {
        recognizers.rebuild();
        enrolled(alice);
        var old = a.embedder().embed(decoded("Alice"), List.of(face("Alice"))).getFirst();
        recognizers.prepare(b);
        assertThatThrownBy(() -> recognizers
                        .index()
                        .search(
                                staff.id(),
                                b.embedder()
                                        .embed(decoded("Alice"), List.of(face("Alice")))
                                        .getFirst(),
                                5))
                .as("the prepared index is not searched while it loads")
                .satisfies(ActiveRecognizerTest::retryable);
        b.synchronizer().rebuild();
        recognizers.activate(b);

        // A request that embedded with the old model before the switch still finds its index.
        assertThat(recognizers.index().search(staff.id(), old, 5)).hasSize(1);
        assertThat(recognizers.index().size(staff.id(), "model-a")).isEqualTo(1);
        recognizers.retire(a);
        assertThatThrownBy(() -> recognizers.index().search(staff.id(), old, 5))
                .satisfies(ActiveRecognizerTest::retryable);
        assertThat(recognizers.index().size(staff.id(), "model-a")).isZero();
    }

    @Test
    void aRequestThatStraddlesTheSwitchIsRefusedRetryablyInsteadOfMixingModels() {
        recognizers.rebuild();
        enrolled(alice);
        recognizers.prepare(b);
        b.synchronizer().rebuild();
        // The switch lands between the request's reading of the model and its embedding.
        flipOnNextDetection.set(() -> recognizers.activate(b));

        assertThatThrownBy(() -> identified("Alice"))
                .satisfies(ActiveRecognizerTest::retryable)
                .hasMessageContaining("model-a")
                .hasMessageContaining("model-b");
        assertThat(identified("Alice").modelId())
                .as("the retry runs wholly with the new model")
                .isEqualTo("model-b");
    }

    @Test
    void anEnrolmentRefusedByTheGuardStoresNothing() {
        recognizers.rebuild();
        guard.set(modelId -> {
            throw ModelSwitch.enrolmentRefused(modelId, "model-b");
        });

        assertThatThrownBy(() -> enrolled(alice)).satisfies(ActiveRecognizerTest::retryable);

        assertThat(fakes.faces().findByPerson(alice.id())).isEmpty();
        assertThat(fakes.images.keys()).as("the stored image is removed again").isEmpty();
        assertThat(a.index().size(staff.id(), "model-a")).isZero();
    }

    @Test
    void catchUpReachesEveryLoadedIndexAndRemovalsReachThemAll() {
        recognizers.rebuild();
        recognizers.prepare(b);
        b.synchronizer().rebuild();
        EnrolledFace carols = enrolled(carol);
        assertThat(recognizers.catchUp())
                .as("the active index: a change of another model")
                .isEqualTo(1);
        assertThat(b.index().size(staff.id(), "model-b")).isEqualTo(1);

        fakes.faces().delete(carols.id());
        recognizers.catchUp();
        assertThat(b.index().size(staff.id(), "model-b")).isZero();
        assertThat(recognizers.index().memoryBytes()).isZero();
    }

    @Test
    void oneSwitchAtATimeAndOnlyWithALoadedIndex() {
        recognizers.rebuild();
        assertThatThrownBy(() -> recognizers.prepare(recognizer("model-a", new Closing())))
                .isInstanceOf(IllegalStateException.class);
        recognizers.prepare(b);
        assertThatThrownBy(() -> recognizers.prepare(recognizer("model-c", new Closing())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> recognizers.activate(b)).isInstanceOf(IllegalStateException.class);

        recognizers.abandon(b);
        assertThat(closedB.closed).isTrue();
        assertThat(recognizers.pending()).isEmpty();
        assertThat(recognizers.enrolmentEmbedder().model().id()).isEqualTo("model-a");
    }

    private static void retryable(Throwable thrown) {
        assertThat(thrown).isInstanceOf(FaceException.class);
        FaceException e = (FaceException) thrown;
        assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE);
        assertThat(e.details()).containsKey("retryAfterSeconds");
    }

    private final AtomicReference<Runnable> flipOnNextDetection = new AtomicReference<>();

    private Recognizer recognizer(String model, Closing closing) {
        FakeFaceEmbedder embedder = new FakeFaceEmbedder();
        embedder.useModel(model);
        InMemoryGalleryIndex index = new InMemoryGalleryIndex();
        FakeFaceDetector fake = new FakeFaceDetector();
        FaceDetector detector = new FaceDetector() {
            @Override
            public List<DetectedFace> detect(DecodedImage image) {
                Runnable flip = flipOnNextDetection.getAndSet(null);
                if (flip != null) {
                    flip.run();
                }
                return fake.detect(image);
            }

            @Override
            public String modelId() {
                return "detector-of-" + model;
            }
        };
        return new Recognizer(
                new FakeImageDecoder(),
                detector,
                embedder,
                index,
                new IndexSynchronizer(fakes.faces(), index, model, 100),
                closing);
    }

    private Person person(String name) {
        Instant now = Instant.now();
        return fakes.persons().create(new Person(UUID.randomUUID(), staff.id(), name, null, "{}", now, now));
    }

    private EnrolledFace enrolled(Person person) {
        return enroll.enroll(OPERATOR, person.id(), FakePhoto.portrait(person.name()));
    }

    private Identification identified(String who) {
        return identify.identify(OPERATOR, staff.id(), FakePhoto.portrait(who), 5, 0.5f);
    }

    private static UUID match(Identification identification) {
        var match = identification.faces().getFirst().match();
        return match == null ? null : match.personId();
    }

    private static DecodedImage decoded(String who) {
        return new FakeImageDecoder().decode(FakePhoto.portrait(who));
    }

    private static DetectedFace face(String who) {
        return new FakeFaceDetector().detect(decoded(who)).getFirst();
    }

    private static final class Closing implements AutoCloseable {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
