package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrphanImageSweeperTest {
    private static final Duration GRACE = Duration.ofMinutes(10);

    private final UseCases useCases = new UseCases();
    private final MovableClock clock = new MovableClock(UseCases.NOW);
    private final OrphanImageSweeper sweeper =
            new OrphanImageSweeper(useCases.fakes.faces(), useCases.fakes.images, GRACE, clock);
    private final Person alice = useCases.person(useCases.gallery("staff"), "Alice");

    @Test
    void anUnreferencedImageSurvivesTheFirstSweepAndGoesWithTheSecond() {
        String orphan = useCases.fakes.images.put(FakePhoto.portrait("nobody"), "image/jpeg");

        assertThat(sweeper.sweep()).isEqualTo(new OrphanImageSweeper.Report(1, 1, 0, 0));
        assertThat(useCases.fakes.images.keys()).containsExactly(orphan);

        clock.advance(GRACE);
        assertThat(sweeper.sweep()).isEqualTo(new OrphanImageSweeper.Report(1, 0, 1, 0));
        assertThat(useCases.fakes.images.keys()).isEmpty();
    }

    @Test
    void aSecondSweepWithinTheGracePeriodDeletesNothingButKeepsTheFirstSighting() {
        String orphan = useCases.fakes.images.put(FakePhoto.portrait("nobody"), "image/jpeg");
        sweeper.sweep();

        clock.advance(GRACE.minusSeconds(1));
        assertThat(sweeper.sweep().deleted()).isZero();
        assertThat(useCases.fakes.images.keys()).containsExactly(orphan);

        clock.advance(Duration.ofSeconds(1));
        assertThat(sweeper.sweep().deleted()).isEqualTo(1);
    }

    @Test
    void anImageWhoseFaceCommitsBetweenSweepsSurvives() {
        // An enrollment in flight: its image is stored, its face row is not committed yet.
        String inFlight = useCases.fakes.images.put(FakePhoto.portrait("bob"), "image/jpeg");
        assertThat(sweeper.sweep().candidates()).isEqualTo(1);

        var face = useCases.enrolled(alice, "bob");
        assertThat(face.imageKey()).isEqualTo(inFlight);
        clock.advance(GRACE);
        assertThat(sweeper.sweep()).isEqualTo(new OrphanImageSweeper.Report(1, 0, 0, 0));
        assertThat(useCases.fakes.images.keys()).containsExactly(inFlight);
    }

    @Test
    void anImageAFaceRefersToBetweenTheScanAndTheDeleteIsKept() {
        String key = useCases.fakes.images.put(FakePhoto.portrait("bob"), "image/jpeg");
        sweeper.sweep();
        clock.advance(GRACE);
        // An enrolment of the same photo commits after the scan found the key unreferenced, before the delete.
        useCases.fakes.database.faces().beforeNextImageDelete(() -> useCases.enrolled(alice, "bob"));

        assertThat(sweeper.sweep()).isEqualTo(new OrphanImageSweeper.Report(1, 0, 0, 0));
        assertThat(useCases.fakes.images.keys()).containsExactly(key);
        assertThat(useCases.fakes.database.faces().all())
                .singleElement()
                .satisfies(face -> assertThat(face.imageKey()).isEqualTo(key));
    }

    @Test
    void anEnrolmentOfTheSamePhotoDuringTheDeleteStoresTheImageAgain() throws Exception {
        String key = useCases.fakes.images.put(FakePhoto.portrait("bob"), "image/jpeg");
        sweeper.sweep();
        clock.advance(GRACE);
        List<CompletableFuture<EnrolledFace>> enrolment = new ArrayList<>();
        useCases.fakes.images.duringNextDelete(
                deleting -> enrolment.add(useCases.enrolledElsewhere(alice, "bob", Duration.ofMillis(500))));

        assertThat(sweeper.sweep().deleted()).isEqualTo(1);

        assertThat(enrolment.getFirst().get(10, TimeUnit.SECONDS).imageKey()).isEqualTo(key);
        assertThat(useCases.fakes.images.get(key)).hasValue(FakePhoto.portrait("bob"));
    }

    @Test
    void aReferencedImageIsNeverDeleted() {
        String referenced = useCases.enrolled(alice, "alice").imageKey();
        for (int i = 0; i < 3; i++) {
            assertThat(sweeper.sweep()).isEqualTo(new OrphanImageSweeper.Report(1, 0, 0, 0));
            clock.advance(GRACE.multipliedBy(2));
        }
        assertThat(useCases.fakes.images.keys()).containsExactly(referenced);
    }

    @Test
    void anImageReferencedAgainInBetweenStartsOverWhenItIsOrphanedLater() {
        String key = useCases.fakes.images.put(FakePhoto.portrait("carol"), "image/jpeg");
        sweeper.sweep();
        var face = useCases.enrolled(alice, "carol");
        clock.advance(GRACE);
        sweeper.sweep();
        useCases.fakes.faces().delete(face.id()); // the row goes, the image stays (as if its cleanup failed)
        clock.advance(GRACE);

        assertThat(sweeper.sweep().deleted()).as("first sight again").isZero();
        clock.advance(GRACE);
        assertThat(sweeper.sweep().deleted()).isEqualTo(1);
        assertThat(useCases.fakes.images.keys()).doesNotContain(key);
    }

    @Test
    void aFailedDeleteKeepsTheCandidateForTheNextSweep() {
        useCases.fakes.images.put(FakePhoto.portrait("nobody"), "image/jpeg");
        sweeper.sweep();
        clock.advance(GRACE);
        useCases.fakes.images.failDeletes(true);

        assertThat(sweeper.sweep()).isEqualTo(new OrphanImageSweeper.Report(1, 1, 0, 1));

        useCases.fakes.images.failDeletes(false);
        assertThat(sweeper.sweep().deleted()).isEqualTo(1);
        assertThat(useCases.fakes.images.keys()).isEmpty();
    }
}
