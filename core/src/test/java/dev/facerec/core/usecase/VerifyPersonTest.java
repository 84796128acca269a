package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.Failures.failsWith;
import static dev.facerec.core.usecase.UseCases.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.OperatingPoint;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakePhoto;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class VerifyPersonTest {
    private final UseCases app = new UseCases();
    private final Gallery staff = app.gallery("staff");
    private final Person alice = app.person(staff, "Alice");

    @Test
    void theBestOfThePersonsFacesDecides() {
        app.enroll.enroll(
                OPERATOR,
                alice.id(),
                FakePhoto.of(200, 200).face("alice in a hat", 40, 40, 120).bytes());
        var best = app.enrolled(alice, "alice");
        // The largest face of the photo is the one verified.
        byte[] photo = FakePhoto.of(400, 200)
                .face("bob", 0, 0, 60)
                .face("alice", 100, 20, 150)
                .bytes();

        VerifyPerson.Verification result = app.verify.verify(OPERATOR, alice.id(), photo, OperatingPoint.STANDARD);

        assertThat(result.similarity()).isCloseTo(1f, Offset.offset(1e-5f));
        assertThat(result.match()).isTrue();
        assertThat(result.threshold()).isEqualTo(0.5f);
        assertThat(result.bestFaceId()).isEqualTo(best.id());
        assertThat(result.face().box().width()).isEqualTo(150);
        assertThat(app.verify.verify(OPERATOR, alice.id(), FakePhoto.portrait("bob"), OperatingPoint.STRICT))
                .satisfies(other -> {
                    assertThat(other.match()).isFalse();
                    assertThat(other.threshold()).isEqualTo(0.6f);
                });
    }

    @Test
    void aPersonWithoutFacesOfTheCurrentModelIsAConflict() {
        FaceException none = failsWith(
                FaceErrorCode.CONFLICT,
                () -> app.verify.verify(OPERATOR, alice.id(), FakePhoto.portrait("alice"), OperatingPoint.STANDARD));
        assertThat(none.getMessage()).contains("no face enrolled", "fake-recognizer");
        app.enrolled(alice, "alice");
        app.fakes.embedder.useModel("next-pack");
        assertThat(failsWith(
                                FaceErrorCode.CONFLICT,
                                () -> app.verify.verify(
                                        OPERATOR, alice.id(), FakePhoto.portrait("alice"), OperatingPoint.STANDARD))
                        .details())
                .containsEntry("model", "next-pack");
    }

    @Test
    void facesWhoseOwnEmbeddingIsAnotherModelsAreVerifiedWithTheOneKeptBesideThem() {
        // As on a replica that has not yet followed a switch-over: the stored faces hold the new model's embedding,
        // the one this replica serves with is kept beside them.
        app.fakes.embedder.useModel("next-pack");
        var enrolled = app.enrolled(alice, "alice");
        app.fakes.embedder.useModel("fake-recognizer");
        VerifyPerson verify = new VerifyPerson(
                app.fakes.galleryAccess(),
                app.fakes.decoder,
                app.fakes.detector,
                app.fakes.embedder,
                app.fakes.cache,
                new dev.facerec.core.quality.QualityGate(dev.facerec.core.quality.QualityPolicy.QUERY),
                app.fakes.persons(),
                app.fakes.faces(),
                (faceId, modelId) -> faceId.equals(enrolled.id())
                        ? java.util.Optional.of(dev.facerec.core.testing.FakeFaceEmbedder.vector("alice", modelId))
                        : java.util.Optional.empty());

        VerifyPerson.Verification result =
                verify.verify(OPERATOR, alice.id(), FakePhoto.portrait("alice"), OperatingPoint.STANDARD);

        assertThat(result.modelId()).isEqualTo("fake-recognizer");
        assertThat(result.match()).isTrue();
        assertThat(result.bestFaceId()).isEqualTo(enrolled.id());
        failsWith(
                FaceErrorCode.CONFLICT,
                () -> app.verify.verify(OPERATOR, alice.id(), FakePhoto.portrait("alice"), OperatingPoint.STANDARD));
    }

    @Test
    void refusesAnUnknownPersonAndAPhotoWithoutFace() {
        failsWith(
                FaceErrorCode.NOT_FOUND,
                () -> app.verify.verify(
                        OPERATOR, UUID.randomUUID(), FakePhoto.portrait("alice"), OperatingPoint.STANDARD));
        app.enrolled(alice, "alice");
        failsWith(
                FaceErrorCode.NO_FACE,
                () -> app.verify.verify(OPERATOR, alice.id(), FakePhoto.noFace(), OperatingPoint.STANDARD));
        failsWith(
                FaceErrorCode.FACE_QUALITY,
                () -> app.verify.verify(
                        OPERATOR,
                        alice.id(),
                        FakePhoto.of(200, 200).face("alice", 0, 0, 10).bytes(),
                        OperatingPoint.STANDARD));
    }

    @Test
    void aRepeatedQueryImageIsNeitherDecodedNorEmbeddedAgain() {
        app.enrolled(alice, "alice");
        int decodes = app.fakes.decoder.calls();
        int embeds = app.fakes.embedder.calls();
        byte[] photo = FakePhoto.portrait("alice");
        var first = app.verify.verify(OPERATOR, alice.id(), photo, OperatingPoint.STANDARD);
        var again = app.verify.verify(OPERATOR, alice.id(), photo.clone(), OperatingPoint.STANDARD);
        assertThat(again.similarity()).isEqualTo(first.similarity());
        assertThat(app.fakes.decoder.calls()).isEqualTo(decodes + 1);
        assertThat(app.fakes.embedder.calls()).isEqualTo(embeds + 1);
        assertThat(app.fakes.cache.hits()).isEqualTo(1);
    }
}
