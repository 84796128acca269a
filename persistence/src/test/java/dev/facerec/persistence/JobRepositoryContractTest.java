package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.account.Role;
import dev.facerec.core.job.EnrollmentJob;
import dev.facerec.core.job.ItemOutcome;
import dev.facerec.core.job.JobItem;
import dev.facerec.core.job.JobRepository;
import dev.facerec.core.job.JobState;
import dev.facerec.core.job.ListedPhoto;
import dev.facerec.core.job.SourceKind;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract of the job repository, for every database. Claims take the oldest claimable job of any gallery, so
 * each claiming test first finishes every job that it could otherwise take from another test.
 */
abstract class JobRepositoryContractTest extends RepositoryContractTest {
    private JobRepository jobs;

    @BeforeAll
    void jobs() {
        jobs = context.getBean(JobRepository.class);
    }

    /** A stored queued job of an archive of 3 photos, in a new gallery. */
    private EnrollmentJob queued(Instant createdAt) {
        return jobs.create(queued(SourceKind.ARCHIVE, "archive.zip", 3, createdAt));
    }

    /** A queued job, not stored, in a new gallery. */
    private EnrollmentJob queued(SourceKind source, String sourceKey, int total, Instant createdAt) {
        return EnrollmentJob.queued(
                UUID.randomUUID(), newGallery().id(), "operator", Role.OPERATOR, source, sourceKey, total, createdAt);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Claims and finishes every claimable job, so a test's own jobs are the only ones left. */
    private void drain(Instant now) {
        Optional<EnrollmentJob> claimed;
        while ((claimed = jobs.claim("drain", now, now.plusSeconds(60))).isPresent()) {
            jobs.finish(claimed.get().id(), "drain", JobState.SUCCEEDED, null, now);
        }
    }

    @Test
    void aJobIsReadBackAsItWasStored() {
        EnrollmentJob job = queued(now());
        assertThat(jobs.find(job.id())).contains(job);
        assertThat(jobs.listedPhotos(job.id())).isEmpty();
        assertThat(jobs.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aJobFromAPrefixIsStoredWithItsListedPhotosInTheirOrder() {
        String longPrefix = "imports/" + "p".repeat(500) + "/";
        EnrollmentJob job = queued(SourceKind.S3_PREFIX, longPrefix, 1_203, now().minusSeconds(3600));
        List<ListedPhoto> photos = new ArrayList<>();
        for (int i = 0; i < 1_203; i++) {
            photos.add(new ListedPhoto(
                    "Person_" + (1_203 - i) + "/" + i + ".jpg",
                    "Person " + (1_203 - i),
                    i % 2 == 0 ? null : "E-" + i,
                    10_000_000_000L + i,
                    i % 3 == 0 ? null : "d41d8cd98f00b204e9800998ecf8427e-" + i));
        }

        jobs.create(job, photos);

        assertThat(jobs.find(job.id())).contains(job);
        assertThat(jobs.listedPhotos(job.id())).isEqualTo(photos);
    }

    @Test
    void aJobWhosePhotosCannotBeStoredIsNotStoredEither() {
        EnrollmentJob job = queued(SourceKind.S3_PREFIX, "imports/a/", 2, now());
        List<ListedPhoto> photos = List.of(
                new ListedPhoto("P/1.jpg", "P", null, 1, null),
                new ListedPhoto("P/2.jpg", "P".repeat(1_001), null, 1, null));

        assertThatThrownBy(() -> jobs.create(job, photos)).isInstanceOf(RuntimeException.class);

        assertThat(jobs.find(job.id()))
                .as("the job and its photos commit together")
                .isEmpty();
        assertThat(jobs.listedPhotos(job.id())).isEmpty();
    }

    @Test
    synchronized void aClaimTakesTheOldestQueuedJobThenALapsedLeaseButNeverALiveOne() {
        Instant now = now();
        drain(now);
        EnrollmentJob older = queued(now.minusSeconds(20));
        EnrollmentJob newer = queued(now.minusSeconds(10));

        EnrollmentJob first = jobs.claim("replica-a", now, now.plusSeconds(30)).orElseThrow();
        assertThat(first.id()).isEqualTo(older.id());
        assertThat(first.state()).isEqualTo(JobState.RUNNING);
        assertThat(first.leaseOwner()).isEqualTo("replica-a");
        assertThat(first.startedAt()).isEqualTo(now);
        assertThat(jobs.claim("replica-b", now, now.plusSeconds(30))
                        .orElseThrow()
                        .id())
                .isEqualTo(newer.id());
        assertThat(jobs.claim("replica-c", now.plusSeconds(10), now.plusSeconds(40)))
                .as("both leases are alive")
                .isEmpty();

        assertThat(jobs.renew(older.id(), "replica-a", now.plusSeconds(90))).isTrue();
        assertThat(jobs.renew(older.id(), "replica-c", now.plusSeconds(90)))
                .as("not its lease")
                .isFalse();
        Instant later = now.plusSeconds(60);
        EnrollmentJob takenOver =
                jobs.claim("replica-c", later, later.plusSeconds(30)).orElseThrow();
        assertThat(takenOver.id())
                .as("replica-b's lease lapsed; replica-a renewed")
                .isEqualTo(newer.id());
        assertThat(takenOver.startedAt()).as("the first start is kept").isEqualTo(now);
        assertThat(jobs.renew(newer.id(), "replica-b", later.plusSeconds(30)))
                .as("the old holder lost it")
                .isFalse();
        assertThat(jobs.finish(newer.id(), "replica-b", JobState.SUCCEEDED, null, later))
                .isFalse();
        assertThat(jobs.finish(newer.id(), "replica-c", JobState.SUCCEEDED, null, later))
                .isTrue();
        assertThat(jobs.find(newer.id()).orElseThrow()).satisfies(done -> {
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.finishedAt()).isEqualTo(later);
            assertThat(done.leaseOwner()).isNull();
        });
        jobs.finish(older.id(), "replica-a", JobState.FAILED, "archive gone", later);
        assertThat(jobs.find(older.id()).orElseThrow().failure()).isEqualTo("archive gone");
    }

    @Test
    synchronized void concurrentClaimsGiveAJobToOneReplicaOnly() throws Exception {
        Instant now = now();
        drain(now);
        EnrollmentJob job = queued(now.minusSeconds(1));
        List<Callable<Optional<EnrollmentJob>>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String replica = "racer-" + i;
            claims.add(() -> jobs.claim(replica, now, now.plusSeconds(30)));
        }
        List<EnrollmentJob> won = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
            for (Future<Optional<EnrollmentJob>> claim : executor.invokeAll(claims)) {
                claim.get().ifPresent(won::add);
            }
        }
        assertThat(won)
                .singleElement()
                .satisfies(claimed -> assertThat(claimed.id()).isEqualTo(job.id()));
        jobs.finish(job.id(), won.getFirst().leaseOwner(), JobState.SUCCEEDED, null, now);
    }

    @Test
    void itemsAreRecordedOnceAndCountedInTheSameStep() {
        EnrollmentJob job = queued(now());
        Instant at = now();
        UUID person = UUID.randomUUID();
        UUID face = UUID.randomUUID();
        assertThat(jobs.record(JobItem.enrolled(job.id(), "a/1.jpg", person, face, at)))
                .isTrue();
        assertThat(jobs.record(JobItem.enrolled(job.id(), "a/1.jpg", person, face, at)))
                .as("the same path again")
                .isFalse();
        assertThat(jobs.record(JobItem.refused(job.id(), "a/2.jpg", person, "NO_FACE", "No face.", at)))
                .isTrue();
        assertThat(jobs.record(JobItem.duplicate(job.id(), "a/3.jpg", person, face, at)))
                .isTrue();

        EnrollmentJob counted = jobs.find(job.id()).orElseThrow();
        assertThat(List.of(counted.enrolled(), counted.refused(), counted.duplicate()))
                .containsExactly(1, 1, 1);
        assertThat(jobs.recordedPaths(job.id())).containsExactlyInAnyOrder("a/1.jpg", "a/2.jpg", "a/3.jpg");
        assertThat(jobs.recordsFace(job.id(), face)).isTrue();
        assertThat(jobs.recordsFace(job.id(), UUID.randomUUID())).isFalse();

        Page<JobItem> first = jobs.items(job.id(), new PageRequest(0, 2));
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.items()).extracting(JobItem::path).containsExactly("a/1.jpg", "a/2.jpg");
        assertThat(jobs.items(job.id(), new PageRequest(1, 2)).items())
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.outcome()).isEqualTo(ItemOutcome.DUPLICATE);
                    assertThat(item.faceId()).isEqualTo(face);
                });
        assertThat(jobs.items(job.id(), new PageRequest(0, 5)).items().get(1))
                .isEqualTo(JobItem.refused(job.id(), "a/2.jpg", person, "NO_FACE", "No face.", at));
    }

    @Test
    void aCancelledJobCannotBeClaimedRenewedOrCancelledAgain() {
        Instant now = now();
        EnrollmentJob job = queued(now);
        assertThat(jobs.cancel(job.id(), now)).isTrue();
        assertThat(jobs.cancel(job.id(), now)).isFalse();
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(jobs.renew(job.id(), "anyone", now.plus(Duration.ofMinutes(1))))
                .isFalse();
        assertThat(jobs.claim("anyone", now.plusSeconds(3600), now.plusSeconds(3700)))
                .map(EnrollmentJob::id)
                .isNotEqualTo(Optional.of(job.id()));
    }
}
