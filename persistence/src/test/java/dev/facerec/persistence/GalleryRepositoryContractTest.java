package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.DeletedFace;
import dev.facerec.core.person.Deletion;
import dev.facerec.core.person.Person;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@link dev.facerec.core.gallery.GalleryRepository} contract, for every database. */
abstract class GalleryRepositoryContractTest extends RepositoryContractTest {
    @Test
    void aCreatedGalleryIsFoundAsItWasReturned() {
        Gallery created = newGallery();

        assertThat(galleries.find(created.id())).contains(created);
        assertThat(galleries.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aSecondGalleryWithTheSameNameIsAConflict() {
        Gallery first = newGallery();

        assertThatThrownBy(() -> galleries.create(new Gallery(UUID.randomUUID(), first.name(), Instant.now())))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.CONFLICT))
                .hasMessageContaining(first.name());
    }

    @Test
    void theRetentionIsStoredSetAndCleared() {
        Gallery kept = newGallery();
        Gallery limited = galleries.create(new Gallery(UUID.randomUUID(), uniqueName("limited"), Instant.now(), 30));

        assertThat(kept.retentionDays()).isNull();
        assertThat(galleries.find(kept.id())).contains(kept);
        assertThat(galleries.find(limited.id()).orElseThrow().retentionDays()).isEqualTo(30);

        assertThat(galleries.updateRetention(kept.id(), 36_500)).contains(kept.withRetentionDays(36_500));
        assertThat(galleries.find(kept.id())).contains(kept.withRetentionDays(36_500));
        assertThat(galleries.updateRetention(limited.id(), null)).contains(limited.withRetentionDays(null));
        assertThat(galleries.find(limited.id())).contains(limited.withRetentionDays(null));
        assertThat(galleries.updateRetention(UUID.randomUUID(), 1)).isEmpty();
    }

    @Test
    void findAllOrdersByName() {
        String prefix = uniqueName("order");
        Gallery b = galleries.create(new Gallery(UUID.randomUUID(), prefix + "-b", Instant.now()));
        Gallery a = galleries.create(new Gallery(UUID.randomUUID(), prefix + "-a", Instant.now()));
        Gallery c = galleries.create(new Gallery(UUID.randomUUID(), prefix + "-c", Instant.now()));
        Set<UUID> ours = Set.of(a.id(), b.id(), c.id());

        List<Gallery> all = galleries.findAll().stream()
                .filter(gallery -> ours.contains(gallery.id()))
                .toList();

        assertThat(all).containsExactly(a, b, c);
    }

    @Test
    void deleteRemovesTheGalleryWithItsPersonsAndFaces() {
        Gallery gallery = newGallery();
        Person person = newPerson(gallery.id());
        var face = addFace(person, "model-a");
        newPerson(gallery.id());

        assertThat(galleries.delete(gallery.id()))
                .as("what went, for the erasure's cleanup")
                .hasValue(new Deletion(2, List.of(DeletedFace.of(face))));

        assertThat(galleries.find(gallery.id())).isEmpty();
        assertThat(persons.find(person.id())).isEmpty();
        assertThat(faces.find(face.id())).isEmpty();
        assertThat(galleries.delete(gallery.id())).isEmpty();
    }
}
