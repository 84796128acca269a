package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.UseCases.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.InMemoryGalleryIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IndexSynchronizerTest {
    private final UseCases app = new UseCases();
    private final Gallery staff = app.gallery("staff");
    private final Person alice = app.person(staff, "Alice");
    /** The index of another replica: it sees the database, not this process's writes. */
    private final InMemoryGalleryIndex replica = new InMemoryGalleryIndex();

    private final IndexSynchronizer synchronizer =
            new IndexSynchronizer(app.fakes.faces(), replica, "fake-recognizer", 2);

    @Test
    void rebuildLoadsEveryFaceOfTheModelAndRemembersTheSequence() {
        app.enrolled(alice, "alice");
        app.enroll.enroll(
                OPERATOR,
                alice.id(),
                FakePhoto.of(300, 300).face("alice", 0, 0, 200).bytes());
        app.fakes.embedder.useModel("other-pack");
        app.enroll.enroll(
                OPERATOR,
                alice.id(),
                FakePhoto.of(300, 300).face("alice", 0, 0, 250).bytes());

        assertThat(synchronizer.rebuild()).isEqualTo(2);
        assertThat(replica.size(staff.id(), "fake-recognizer")).isEqualTo(2);
        assertThat(replica.size(staff.id(), "other-pack")).isZero();
        assertThat(synchronizer.sequence()).isEqualTo(6);
        assertThat(synchronizer.catchUp()).isZero();
    }

    @Test
    void catchUpAppliesAdditionsAndRemovalsInOrder() {
        var kept = app.enrolled(alice, "alice");
        synchronizer.rebuild();
        var added = app.enroll.enroll(
                OPERATOR,
                alice.id(),
                FakePhoto.of(300, 300).face("alice", 0, 0, 200).bytes());
        var addedThenRemoved = app.enroll.enroll(
                OPERATOR,
                alice.id(),
                FakePhoto.of(300, 300).face("alice", 0, 0, 250).bytes());
        app.deleteFace.delete(OPERATOR, alice.id(), addedThenRemoved.id());
        app.deleteFace.delete(OPERATOR, alice.id(), kept.id());

        assertThat(synchronizer.catchUp()).isEqualTo(4);

        assertThat(replica.contains(staff.id(), added.id())).isTrue();
        assertThat(replica.contains(staff.id(), kept.id())).isFalse();
        assertThat(replica.contains(staff.id(), addedThenRemoved.id())).isFalse();
    }

    @Test
    void catchUpReadsTheLogInBatchesUntilItIsEmpty() {
        synchronizer.rebuild();
        for (int i = 0; i < IndexSynchronizer.BATCH + 5; i++) {
            app.persons.create(OPERATOR, new NewPerson(staff.id(), "p" + i, null, null));
        }
        Person bob = app.person(staff, "Bob");
        for (int i = 0; i < 1003; i++) {
            app.enroll.enroll(
                    OPERATOR,
                    bob.id(),
                    FakePhoto.of(300, 300).face("bob", 0, 0, 100 + i % 150).bytes());
        }
        assertThat(synchronizer.catchUp()).isEqualTo(1003);
        assertThat(replica.size(staff.id(), "fake-recognizer")).isEqualTo(1003);
    }

    @Test
    void aFailedCatchUpIsRetriedFromTheLastAppliedChange() {
        synchronizer.rebuild();
        var face = app.enrolled(alice, "alice");
        replica.failAdds(true);
        assertThatThrownBy(synchronizer::catchUp).isInstanceOf(IllegalStateException.class);
        replica.failAdds(false);
        assertThat(synchronizer.catchUp()).isEqualTo(1);
        assertThat(replica.contains(staff.id(), face.id())).isTrue();
    }

    @Test
    void concurrentCatchUpsApplyEachChangeOnce() throws Exception {
        synchronizer.rebuild();
        for (int i = 0; i < 50; i++) {
            app.enroll.enroll(
                    OPERATOR,
                    alice.id(),
                    FakePhoto.of(300, 300).face("alice", 0, 0, 100 + i).bytes());
        }
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(synchronizer::catchUp);
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(calls)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(50);
        }
        assertThat(replica.size(staff.id(), "fake-recognizer")).isEqualTo(50);
    }

    @Test
    void catchUpNeedsARebuildFirst() {
        assertThatThrownBy(synchronizer::catchUp).hasMessageContaining("rebuild");
    }
}
