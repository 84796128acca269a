package dev.facerec.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.Role;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.InMemoryDatabase;
import dev.facerec.core.testing.InMemoryGalleryAccess;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GalleryAccessTest {
    private final InMemoryDatabase database = new InMemoryDatabase();
    private final InMemoryGalleryAccess lists = new InMemoryGalleryAccess();
    private final GalleryAccess access = new GalleryAccess(lists, database.persons());

    private final UUID open = UUID.randomUUID();
    private final UUID restricted = UUID.randomUUID();
    private final Actor named = new Actor("ana", Role.OPERATOR);
    private final Actor other = new Actor("bob", Role.OPERATOR);
    private final Actor key = new Actor("key:fr_1234", Role.VIEWER);
    private final Actor admin = new Actor("root", Role.ADMIN);

    GalleryAccessTest() {
        lists.replace(restricted, Set.of("ana", "key:fr_1234"));
    }

    @Test
    void anOpenGalleryIsForEveryone() {
        assertThat(access.allows(other, open)).isTrue();
        assertThat(access.allows(new Actor("subject-without-role", null), open)).isTrue();
    }

    @Test
    void aRestrictedGalleryIsForTheNamedCallersAndAdministratorsOnly() {
        assertThat(access.allows(named, restricted)).isTrue();
        assertThat(access.allows(key, restricted)).isTrue();
        assertThat(access.allows(admin, restricted)).isTrue();
        assertThat(access.allows(other, restricted)).isFalse();
        assertThatCode(() -> access.check(named, restricted)).doesNotThrowAnyException();
        assertThatThrownBy(() -> access.check(other, restricted)).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(FaceErrorCode.FORBIDDEN);
            assertThat(e.getMessage()).contains("bob is not one of them");
            assertThat(e.details()).containsEntry("galleryId", restricted.toString());
        });
    }

    @Test
    void aPersonIsCheckedByItsGalleryAndAnUnknownOneIsLeftToTheUseCase() {
        Instant now = Instant.now();
        database.galleries().create(new Gallery(restricted, "Restricted", now, null));
        Person person =
                database.persons().create(new Person(UUID.randomUUID(), restricted, "Carla", null, "{}", now, now));
        assertThatThrownBy(() -> access.checkPerson(other, person.id())).isInstanceOf(FaceException.class);
        assertThatCode(() -> access.checkPerson(named, person.id())).doesNotThrowAnyException();
        assertThatCode(() -> access.checkPerson(other, UUID.randomUUID())).doesNotThrowAnyException();
    }

    @Test
    void listsLeaveOutTheGalleriesACallerMayNotUse() {
        assertThat(access.hidden(other)).containsExactly(restricted);
        assertThat(access.hidden(named)).isEmpty();
        assertThat(access.hidden(admin)).isEmpty();
        lists.replace(restricted, Set.of());
        assertThat(access.hidden(other)).as("a change takes effect at once").isEmpty();
    }
}
