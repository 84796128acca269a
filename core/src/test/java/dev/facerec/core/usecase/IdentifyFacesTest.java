package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.Failures.failsWith;
import static dev.facerec.core.usecase.UseCases.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.usecase.IdentifyFaces.Disclosure;
import dev.facerec.core.usecase.IdentifyFaces.PersonCandidate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentifyFacesTest {
    private final UseCases app = new UseCases();
    private final Gallery staff = app.gallery("staff");
    private final Person alice = app.persons.create(OPERATOR, new NewPerson(staff.id(), "Alice", "E-1", null));
    private final Person bob = app.person(staff, "Bob");

    @Test
    void everyFaceGetsItsCandidatesAndAMatchOrUnknown() {
        var aliceFace = app.enrolled(alice, "alice");
        app.enrolled(bob, "bob");
        byte[] photo = FakePhoto.of(500, 200)
                .face("alice", 0, 0, 100)
                .face("stranger", 200, 0, 100)
                .bytes();

        var result = app.identify.identify(OPERATOR, staff.id(), photo, 5, null);

        assertThat(result.threshold()).isEqualTo(0.5f);
        assertThat(result.modelId()).isEqualTo("fake-recognizer");
        assertThat(result.faces()).hasSize(2);
        var first = result.faces().getFirst();
        assertThat(first.face().box().x()).isEqualTo(0);
        assertThat(first.candidates()).hasSize(2);
        PersonCandidate match = first.match();
        assertThat(match.personId()).isEqualTo(alice.id());
        assertThat(match.name()).isEqualTo("Alice");
        assertThat(match.externalId()).isEqualTo("E-1");
        assertThat(match.faceId()).isEqualTo(aliceFace.id());
        assertThat(match.similarity()).isGreaterThan(0.99f);
        var second = result.faces().get(1);
        assertThat(second.candidates()).hasSize(2);
        assertThat(second.match()).as("a stranger is unknown").isNull();
    }

    @Test
    void theLimitCutsTheCandidatesAndTheThresholdCanBeRaised() {
        app.enrolled(alice, "alice");
        app.enrolled(bob, "bob");
        var limited = app.identify.identify(OPERATOR, staff.id(), FakePhoto.portrait("alice"), 1, null);
        assertThat(limited.faces().getFirst().candidates()).hasSize(1);
        var strict = app.identify.identify(OPERATOR, staff.id(), FakePhoto.portrait("alice"), 5, 1.0f);
        assertThat(strict.threshold()).isEqualTo(1.0f);
        assertThat(strict.faces().getFirst().candidates()).isNotEmpty();
    }

    @Test
    void nearThresholdShowsOnlyCandidatesNearTheThresholdAndNeverLowersIt() {
        app.enrolled(alice, "alice");
        app.enrolled(bob, "bob");
        byte[] stranger = FakePhoto.portrait("stranger");
        float standard = app.identify.defaultThreshold(OPERATOR, staff.id());
        assertThat(app.identify.nearMargin())
                .as("half the similarity between the FMR 1e-3 and 1e-4 thresholds")
                .isCloseTo(0.05f, org.assertj.core.data.Offset.offset(1e-6f));

        var full = app.identify.identify(OPERATOR, staff.id(), stranger, 5, -1f, Disclosure.FULL);
        assertThat(full.threshold()).isEqualTo(-1f);
        assertThat(full.faces().getFirst().candidates()).hasSize(2);
        assertThat(full.faces().getFirst().match())
                .as("-1 makes the nearest person a match")
                .isNotNull();

        var near = app.identify.identify(OPERATOR, staff.id(), stranger, 5, -1f, Disclosure.NEAR_THRESHOLD);
        assertThat(near.threshold()).as("raised to the default").isEqualTo(standard);
        assertThat(near.outlook().decision())
                .as("a threshold raised to the default is judged as the default is")
                .isEqualTo(IdentifyFaces.Outlook.MARGIN);
        assertThat(near.faces().getFirst().match()).isNull();
        assertThat(near.faces().getFirst().candidates())
                .as("nobody near a stranger")
                .isEmpty();

        var known = app.identify.identify(
                OPERATOR, staff.id(), FakePhoto.portrait("alice"), 5, null, Disclosure.NEAR_THRESHOLD);
        assertThat(known.faces().getFirst().match().personId()).isEqualTo(alice.id());
        assertThat(known.faces().getFirst().candidates())
                .extracting(PersonCandidate::personId)
                .containsExactly(alice.id());

        var stricter = app.identify.identify(
                OPERATOR, staff.id(), FakePhoto.portrait("alice"), 5, 0.999f, Disclosure.NEAR_THRESHOLD);
        assertThat(stricter.threshold()).as("a higher threshold stays").isEqualTo(0.999f);
    }

    @Test
    void byDefaultAFaceThatResemblesTenPersonsEquallyIsUnknownButACallersThresholdDecidesAlone() {
        // One stock photo enrolled under ten names: every one of them is equally similar (1.0) to it.
        app.enrolled(alice, "stock");
        app.enrolled(bob, "stock");
        for (int i = 0; i < 8; i++) {
            app.enrolled(app.person(staff, "Person " + i), "stock");
        }
        Person carol = app.person(staff, "Carol");
        app.enrolled(carol, "carol");

        var crowded = app.identify.identify(OPERATOR, staff.id(), FakePhoto.portrait("stock"), 1, null);
        var face = crowded.faces().getFirst();
        assertThat(face.candidates()).as("the limit still cuts what is shown").hasSize(1);
        assertThat(face.candidates().getFirst().similarity()).isGreaterThan(crowded.threshold());
        assertThat(face.match())
                .as("above the raw threshold, but no margin over the next nine persons")
                .isNull();
        assertThat(crowded.outlook().decision()).isEqualTo(IdentifyFaces.Outlook.MARGIN);

        var raw = app.identify.identify(OPERATOR, staff.id(), FakePhoto.portrait("stock"), 1, crowded.threshold());
        assertThat(raw.threshold()).isEqualTo(crowded.threshold());
        assertThat(raw.faces().getFirst().match())
                .as("a caller's threshold is raw cosine")
                .isNotNull();
        assertThat(raw.outlook().decision()).isEqualTo(IdentifyFaces.Outlook.THRESHOLD);

        var carolsFace = app.identify.identify(OPERATOR, staff.id(), FakePhoto.portrait("carol"), 1, null);
        assertThat(carolsFace.faces().getFirst().match().personId())
                .as("one who stands out from the others is found")
                .isEqualTo(carol.id());
    }

    @Test
    void theGallerysDefaultThresholdIsTheOneForItsNumberOfFaces() {
        app.enrolled(alice, "alice");
        app.enrolled(bob, "bob");
        var thresholds = app.fakes.embedder.model().thresholds();

        float threshold = app.identify.defaultThreshold(OPERATOR, staff.id());

        // make eval-identify measures this static method: it must be the decision the service makes.
        assertThat(threshold)
                .isEqualTo(IdentifyFaces.defaultThreshold(thresholds, 2))
                .isEqualTo(thresholds.forIdentification(2, IdentifyFaces.TARGET_FPIR))
                .isLessThan(IdentifyFaces.defaultThreshold(thresholds, 10_000));
    }

    @Test
    void aPhotoWithoutFaceIsAnEmptyAnswerAndAnEmptyGalleryHasNoCandidates() {
        assertThat(app.identify
                        .identify(OPERATOR, staff.id(), FakePhoto.noFace(), 5, null)
                        .faces())
                .isEmpty();
        var face = app.identify
                .identify(OPERATOR, staff.id(), FakePhoto.portrait("alice"), 5, null)
                .faces()
                .getFirst();
        assertThat(face.candidates()).isEmpty();
        assertThat(face.match()).isNull();
    }

    @Test
    void aPersonDeletedBehindTheIndexsBackIsSkipped() {
        app.enrolled(alice, "alice");
        app.fakes.database.persons().delete(alice.id());
        var face = app.identify
                .identify(OPERATOR, staff.id(), FakePhoto.portrait("alice"), 5, null)
                .faces()
                .getFirst();
        assertThat(face.candidates()).isEmpty();
    }

    @Test
    void refusesBadArgumentsAndAnUnknownGallery() {
        byte[] photo = FakePhoto.portrait("alice");
        failsWith(FaceErrorCode.INVALID_REQUEST, () -> app.identify.identify(OPERATOR, staff.id(), photo, 0, null));
        failsWith(FaceErrorCode.INVALID_REQUEST, () -> app.identify.identify(OPERATOR, staff.id(), photo, 101, null));
        failsWith(FaceErrorCode.INVALID_REQUEST, () -> app.identify.identify(OPERATOR, staff.id(), photo, 5, 1.5f));
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.identify.identify(OPERATOR, UUID.randomUUID(), photo, 5, null));
    }

    @Test
    void aPhotoWhoseOnlyFacesAreUnusableSaysWhy() {
        var refusal = failsWith(
                FaceErrorCode.FACE_QUALITY,
                () -> app.identify.identify(
                        OPERATOR,
                        staff.id(),
                        FakePhoto.of(200, 200).face("alice", 0, 0, 10).bytes(),
                        5,
                        null));
        assertThat(refusal.details()).containsEntry("reason", "FACE_TOO_SMALL");
        assertThat(app.fakes.cache.size()).isZero();
    }
}
