package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.Failures.failsWith;
import static dev.facerec.core.usecase.UseCases.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.access.Actor;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.person.Person;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ManageGalleriesTest {
    private final UseCases app = new UseCases();

    @Test
    void createsListsByNameAndGets() {
        Gallery staff = app.gallery("staff");
        Gallery visitors = app.gallery("visitors");
        assertThat(staff.createdAt()).isEqualTo(UseCases.NOW);
        assertThat(app.galleries.list(OPERATOR)).containsExactly(staff, visitors);
        assertThat(app.galleries.get(OPERATOR, staff.id())).isEqualTo(staff);
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.galleries.get(OPERATOR, UUID.randomUUID()));
        failsWith(FaceErrorCode.CONFLICT, () -> app.gallery("staff"));
    }

    @Test
    void pagesWhatTheCallerMaySeeAndCountsOnlyThat() {
        Gallery board = app.gallery("board");
        Gallery staff = app.gallery("staff");
        Gallery visitors = app.gallery("visitors");
        app.fakes.accessLists.replace(board.id(), Set.of("someone-else"));
        var first = app.galleries.list(OPERATOR, new PageRequest(0, 1));
        assertThat(first.items()).containsExactly(staff);
        assertThat(first.total()).as("the hidden gallery is not counted").isEqualTo(2);
        assertThat(app.galleries.list(OPERATOR, new PageRequest(1, 1)).items()).containsExactly(visitors);
        assertThat(app.galleries.list(Actor.system(), new PageRequest(1, 2)).items())
                .as("an administrator sees every gallery")
                .containsExactly(visitors);
    }

    @Test
    void deleteRemovesPersonsFacesUnsharedImagesAndThePartition() {
        Gallery staff = app.gallery("staff");
        Gallery visitors = app.gallery("visitors");
        Person alice = app.person(staff, "Alice");
        app.enrolled(alice, "alice");
        var bob = app.enrolled(app.person(staff, "Bob"), "bob");
        // The same photo enrolled in another gallery shares the stored image.
        var bobVisiting = app.enrolled(app.person(visitors, "Bob"), "bob");

        app.identify.identify(OPERATOR, staff.id(), dev.facerec.core.testing.FakePhoto.portrait("bob"), 1, null);

        ErasureReceipt receipt = app.galleries.delete(OPERATOR, staff.id());

        assertThat(receipt.subject()).isEqualTo(new ErasureReceipt.Subject(ErasureReceipt.Type.GALLERY, staff.id()));
        assertThat(receipt.persons()).isEqualTo(2);
        assertThat(receipt.faces()).isEqualTo(2);
        assertThat(receipt.images()).isEqualTo(1);
        assertThat(receipt.imagesKept()).isEqualTo(1);
        assertThat(receipt.indexEntriesRemoved()).isEqualTo(2);
        assertThat(receipt.cacheEntriesEvicted()).isEqualTo(1);
        assertThat(receipt.changeLogSequence()).isEqualTo(app.fakes.faces().lastChange());
        assertThat(app.fakes.cache.size()).isZero();
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.galleries.get(OPERATOR, staff.id()));
        assertThat(app.fakes.persons().find(alice.id())).isEmpty();
        assertThat(app.fakes.database.faces().all()).containsExactly(bobVisiting);
        assertThat(app.fakes.images.keys()).containsExactly(bob.imageKey());
        assertThat(app.fakes.index.size(staff.id(), bob.modelId())).isZero();
        assertThat(app.fakes.index.contains(visitors.id(), bobVisiting.id())).isTrue();
        failsWith(FaceErrorCode.NOT_FOUND, () -> app.galleries.delete(OPERATOR, staff.id()));
    }

    @Test
    void deleteRemovesPersonsBeyondOnePage() {
        Gallery big = app.gallery("big");
        for (int i = 0; i < 501; i++) {
            app.person(big, "person " + i);
        }
        assertThat(app.galleries.delete(OPERATOR, big.id()).persons()).isEqualTo(501);
        assertThat(app.persons
                        .list(OPERATOR, new dev.facerec.core.person.PersonQuery(null, null, null, 0, 10))
                        .total())
                .isZero();
    }
}
