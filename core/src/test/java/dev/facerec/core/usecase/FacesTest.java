package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.Failures.failsWith;
import static dev.facerec.core.usecase.UseCases.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakePhoto;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ListFaces, DeleteFace and FaceImage: the three small face use cases. */
class FacesTest {
    private final UseCases app = new UseCases();
    private final Gallery staff = app.gallery("staff");
    private final Person alice = app.person(staff, "Alice");
    private final Person bob = app.person(staff, "Bob");

    @Test
    void listsAPersonsFacesOldestFirst() {
        var first = app.enrolled(alice, "alice");
        var second = app.enroll.enroll(
                OPERATOR,
                alice.id(),
                FakePhoto.of(300, 300).face("alice", 5, 5, 200).bytes());
        assertThat(app.listFaces.list(OPERATOR, alice.id(), PageRequest.first()).items())
                .containsExactly(first, second);
        assertThat(app.listFaces.list(OPERATOR, bob.id(), PageRequest.first()).items())
                .isEmpty();
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.listFaces.list(OPERATOR, UUID.randomUUID(), PageRequest.first()));

        Page<EnrolledFace> secondPage = app.listFaces.list(OPERATOR, alice.id(), new PageRequest(1, 1));
        assertThat(secondPage.items()).containsExactly(second);
        assertThat(secondPage.total()).isEqualTo(2);
        assertThat(app.listFaces
                        .list(OPERATOR, alice.id(), new PageRequest(2, 1))
                        .items())
                .as("past the end")
                .isEmpty();
    }

    @Test
    void deletesTheFaceItsIndexEntryAndItsImage() {
        var face = app.enrolled(alice, "alice");
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.deleteFace.delete(OPERATOR, bob.id(), face.id()));
        app.identify.identify(OPERATOR, staff.id(), FakePhoto.portrait("alice"), 1, null);
        ErasureReceipt receipt = app.deleteFace.delete(OPERATOR, alice.id(), face.id());
        assertThat(receipt.subject()).isEqualTo(new ErasureReceipt.Subject(ErasureReceipt.Type.FACE, face.id()));
        assertThat(receipt.persons()).isZero();
        assertThat(receipt.faces()).isEqualTo(1);
        assertThat(receipt.images()).isEqualTo(1);
        assertThat(receipt.indexEntriesRemoved()).isEqualTo(1);
        assertThat(receipt.cacheEntriesEvicted()).isEqualTo(1);
        assertThat(app.fakes.cache.size()).isZero();
        assertThat(app.listFaces.list(OPERATOR, alice.id(), PageRequest.first()).items())
                .isEmpty();
        assertThat(app.fakes.images.keys()).isEmpty();
        assertThat(app.fakes.index.contains(staff.id(), face.id())).isFalse();
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.deleteFace.delete(OPERATOR, alice.id(), face.id()));
    }

    @Test
    void servesTheStoredImageWithItsSniffedType() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1};
        String key = app.fakes.images.put(jpeg, "image/jpeg");
        var face = app.enrolled(alice, "alice");
        var image = app.faceImage.get(OPERATOR, alice.id(), face.id());
        assertThat(image.bytes()).isEqualTo(FakePhoto.portrait("alice"));
        assertThat(image.mediaType()).isEqualTo(ImageMediaType.FALLBACK);
        assertThat(ImageMediaType.sniff(app.fakes.images.get(key).orElseThrow()))
                .isEqualTo("image/jpeg");
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.faceImage.get(OPERATOR, bob.id(), face.id()));
        app.fakes.images.delete(face.imageKey());
        failsWith(FaceErrorCode.UNAVAILABLE, () -> app.faceImage.get(OPERATOR, alice.id(), face.id()));
    }

    @Test
    void sniffsTheCommonImageSignatures() {
        assertThat(ImageMediaType.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10}))
                .isEqualTo("image/png");
        assertThat(ImageMediaType.sniff("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("image/gif");
        assertThat(ImageMediaType.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("image/webp");
        assertThat(ImageMediaType.sniff(new byte[] {'I', 'I', 42, 0})).isEqualTo("image/tiff");
        assertThat(ImageMediaType.sniff(new byte[0])).isEqualTo(ImageMediaType.FALLBACK);
    }
}
