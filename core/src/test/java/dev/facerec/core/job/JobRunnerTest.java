package dev.facerec.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.account.Role;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.event.JobFinished;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.core.testing.InMemoryImportBucket;
import dev.facerec.core.testing.InMemoryJobRepository;
import dev.facerec.core.testing.MovableClock;
import dev.facerec.core.testing.RecordingDomainEvents;
import dev.facerec.core.testing.Zips;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.ManagePersons;
import dev.facerec.core.usecase.NewPerson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {
    private static final Actor OPERATOR = new Actor("operator", Role.OPERATOR);
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final FakePipeline fakes = new FakePipeline();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-05-01T10:00:00Z"));
    private final RecordingDomainEvents events = new RecordingDomainEvents();
    private final InMemoryJobRepository jobs = new InMemoryJobRepository();
    private final ArchiveInspector inspector = new ArchiveInspector(ArchiveLimits.DEFAULT);
    private final ManagePersons managePersons = fakes.managePersons(clock, DomainEvents.NONE);
    private final EnrollFace enroll = fakes.enrollFace(clock, DomainEvents.NONE);
    private final ImportPrefix root = ImportPrefix.root("imports/");
    private final InMemoryImportBucket bucket = new InMemoryImportBucket(root);
    private final PrefixSource prefixes = new PrefixSource(bucket, root, ArchiveLimits.DEFAULT, jobs);
    private ArchiveStore archives;
    private EnrollmentJobs enrollmentJobs;

    private Gallery gallery() {
        return gallery("staff");
    }

    private Gallery gallery(String name) {
        return fakes.manageGalleries(clock, DomainEvents.NONE).create(OPERATOR, name);
    }

    private JobRunner runner(String replica, JobRepository repository) {
        return runner(replica, repository, everySource(), enroll);
    }

    private JobRunner runner(String replica, JobRepository repository, JobSources sources, EnrollFace enrolment) {
        return new JobRunner(
                replica,
                repository,
                sources,
                enrolment,
                managePersons,
                fakes.persons(),
                fakes.faces(),
                LEASE,
                clock,
                events);
    }

    private JobSources everySource() {
        return new JobSources(List.of(archiveSource(), prefixes));
    }

    /** The archives of every job of a test, kept in one folder whichever runner or submitter asks first. */
    private ArchiveSource archiveSource() {
        archives = archives == null ? new DirectoryArchiveStore(directory.resolve("kept")) : archives;
        return new ArchiveSource(archives, inspector);
    }

    private EnrollmentJobs enrollmentJobs(Optional<PrefixSource> prefixSource) {
        return new EnrollmentJobs(
                fakes.galleryAccess(), fakes.galleries(), jobs, archiveSource(), prefixSource, clock, events);
    }

    private EnrollmentJob submit(Gallery gallery, Map<String, byte[]> entries) throws IOException {
        enrollmentJobs = enrollmentJobs(Optional.empty());
        Path staged = directory.resolve("staged.zip");
        Files.write(staged, Zips.of(entries));
        return enrollmentJobs.submit(OPERATOR, gallery.id(), staged);
    }

    private static Map<String, byte[]> archive() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Ada/1.jpg", FakePhoto.portrait("ada-1"));
        entries.put("Ada/2.jpg", FakePhoto.portrait("ada-2"));
        entries.put("Ada/again.jpg", FakePhoto.portrait("ada-1"));
        entries.put("Bob/1.jpg", FakePhoto.portrait("bob-1"));
        entries.put("Bob/none.jpg", FakePhoto.noFace());
        return entries;
    }

    @Test
    void aJobEnrolsEachPhotoOnceRecordsEveryOutcomeAndRaisesJobFinished() throws IOException {
        Gallery gallery = gallery();
        EnrollmentJob job = submit(gallery, archive());
        assertThat(job.total()).isEqualTo(5);

        assertThat(runner("a", jobs).runOne()).isTrue();
        assertThat(runner("a", jobs).runOne()).as("nothing left to claim").isFalse();

        assertResumedToTheSameEnd(job, gallery);
        assertThat(events.events())
                .filteredOn(JobFinished.class::isInstance)
                .singleElement()
                .satisfies(event -> assertThat(((JobFinished) event).state()).isEqualTo("SUCCEEDED"));
        assertThatThrownBy(() -> archives.open(job.sourceKey())).as("the archive went with the job");
    }

    @Test
    void aCrashBetweenAnEnrolmentAndItsRecordNeitherEnrolsTwiceNorLosesThePhoto() throws IOException {
        Gallery gallery = gallery();
        EnrollmentJob job = submit(gallery, archive());
        assertThatThrownBy(() -> runner("dies", crashingOnSecondRecord()).runOne())
                .isInstanceOf(IllegalStateException.class);
        assertThat(jobs.recordedPaths(job.id())).containsExactly("Ada/1.jpg");
        assertThat(runner("other", jobs).runOne()).as("the lease is alive").isFalse();

        clock.advance(LEASE.plusSeconds(1));
        assertThat(runner("other", jobs).runOne()).isTrue();

        assertResumedToTheSameEnd(job, gallery);
        assertThat(jobs.items(job.id(), new dev.facerec.core.person.PageRequest(0, 10))
                        .items())
                .filteredOn(item -> item.path().equals("Ada/2.jpg"))
                .singleElement()
                .satisfies(item -> assertThat(item.outcome())
                        .as("the interrupted enrolment is recorded as enrolled")
                        .isEqualTo(ItemOutcome.ENROLLED));
    }

    @Test
    void aPhotoRefusedWhileTheRecognizerIsSwitchedIsEnrolledOnceTheSwitchIsDoneNotRecordedAsRefused()
            throws IOException {
        AtomicInteger refusalsLeft = new AtomicInteger(2);
        EnrollFace duringASwitch = fakes.enrollFace(clock, DomainEvents.NONE, modelId -> {
            if (refusalsLeft.getAndDecrement() > 0) {
                throw new FaceException(
                        FaceErrorCode.UNAVAILABLE,
                        "switching",
                        Map.of("retryAfterSeconds", 1, "model", modelId, "activeModel", "next"));
            }
        });
        Gallery gallery = gallery();
        EnrollmentJob job = submit(gallery, Map.of("Ada/1.jpg", FakePhoto.portrait("ada-1")));
        JobRunner runner = runner("a", jobs, everySource(), duringASwitch);

        assertThat(runner.runOne()).isTrue();

        EnrollmentJob done = jobs.find(job.id()).orElseThrow();
        assertThat(new int[] {done.enrolled(), done.refused()}).containsExactly(1, 0);
        assertThat(refusalsLeft.get()).as("tried three times").isEqualTo(-1);
    }

    @Test
    void aPhotoRefusedOnlyBecauseTheServiceIsBusyIsComputedAgainNotRecordedAsRefused() throws IOException {
        Gallery gallery = gallery();
        EnrollmentJob job = submit(gallery, Map.of("Ada/1.jpg", FakePhoto.portrait("ada-1")));
        fakes.decoder.refuseNext(FaceErrorCode.UNAVAILABLE, 2);

        assertThat(runner("a", jobs).runOne()).isTrue();

        EnrollmentJob done = jobs.find(job.id()).orElseThrow();
        assertThat(new int[] {done.enrolled(), done.refused()}).containsExactly(1, 0);
        assertThat(fakes.decoder.calls())
                .as("refused twice as busy, then decoded")
                .isEqualTo(3);
    }

    @Test
    void aCancelledJobStopsAndKeepsWhatItEnrolled() throws IOException {
        Gallery gallery = gallery();
        EnrollmentJob job = submit(gallery, archive());
        EnrollmentJob cancelled = enrollmentJobs.cancel(OPERATOR, job.id());
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(runner("a", jobs).runOne()).isFalse();
        assertThat(facesByPerson(gallery)).isEmpty();
        assertThatThrownBy(() -> enrollmentJobs.cancel(OPERATOR, job.id()))
                .isInstanceOfSatisfying(
                        dev.facerec.core.FaceException.class,
                        e -> assertThat(e.code()).isEqualTo(dev.facerec.core.FaceErrorCode.CONFLICT));
    }

    private EnrollmentJob submitPrefix(Gallery gallery, String prefix, Map<String, byte[]> entries) {
        entries.forEach((path, bytes) -> bucket.put(prefix + path, bytes));
        enrollmentJobs = enrollmentJobs(Optional.of(prefixes));
        return enrollmentJobs.submitPrefix(OPERATOR, gallery.id(), prefix);
    }

    @Test
    void aJobFromAnS3PrefixEnrolsThePhotosListedWhenItWasCreatedAndRefusesOnesThatChangedOrVanished() {
        Gallery gallery = gallery();
        EnrollmentJob job = submitPrefix(gallery, "imports/staff/", archive());
        assertThat(job.source()).isEqualTo(SourceKind.S3_PREFIX);
        assertThat(job.sourceKey()).isEqualTo("imports/staff/");
        assertThat(job.total()).isEqualTo(5);
        bucket.put("imports/staff/Ada/2.jpg", FakePhoto.portrait("ada-2-edited"));
        bucket.remove("imports/staff/Bob/1.jpg");
        bucket.put("imports/staff/Carl/1.jpg", FakePhoto.portrait("carl-1"));

        assertThat(runner("a", jobs).runOne()).isTrue();

        EnrollmentJob done = jobs.find(job.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(new int[] {done.enrolled(), done.refused(), done.duplicate()})
                .containsExactly(1, 3, 1);
        assertThat(facesByPerson(gallery))
                .as("no person for a photo that vanished")
                .containsExactly(Map.entry("Ada", 1));
        Map<String, JobItem> items = new TreeMap<>();
        jobs.items(job.id(), new dev.facerec.core.person.PageRequest(0, 10))
                .items()
                .forEach(item -> items.put(item.path(), item));
        assertThat(items).as("the listing, not what is there now").doesNotContainKey("Carl/1.jpg");
        assertThat(items.get("Ada/2.jpg").code()).isEqualTo("CONFLICT");
        assertThat(items.get("Ada/2.jpg").reason())
                .contains("imports/staff/Ada/2.jpg")
                .contains("changed");
        assertThat(items.get("Bob/1.jpg").code()).isEqualTo("NOT_FOUND");
        assertThat(items.get("Bob/1.jpg").reason()).contains("gone");
        assertThat(items.get("Bob/1.jpg").personId()).isNull();
        assertThat(items.get("Bob/none.jpg").code()).isEqualTo("NO_FACE");
        assertThat(bucket.list(root, 100)).as("the operator's objects stay").hasSize(5);
    }

    @Test
    void aJobFromAnS3PrefixResumesAfterACrashWithTheListingItWasCreatedWith() {
        Gallery gallery = gallery();
        EnrollmentJob job = submitPrefix(gallery, "imports/resume/", archive());
        assertThatThrownBy(() -> runner("dies", crashingOnSecondRecord()).runOne())
                .isInstanceOf(IllegalStateException.class);
        bucket.put("imports/resume/Dan/1.jpg", FakePhoto.portrait("dan-1"));

        clock.advance(LEASE.plusSeconds(1));
        assertThat(runner("other", jobs).runOne()).isTrue();

        assertResumedToTheSameEnd(job, gallery);
    }

    @Test
    void aJobStoresWhatEnrollingEachPhotoByItselfStores() throws IOException {
        Gallery gallery = gallery();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            entries.put(
                    "Ada/" + i + ".jpg",
                    FakePhoto.of(300, 300).face("ada-" + i, 20 + i, 30, 120).bytes());
        }
        submit(gallery, entries);

        assertThat(runner("a", jobs).runOne()).isTrue();

        Person ada = onlyPerson(gallery);
        Person byItself = managePersons.create(
                OPERATOR, new NewPerson(gallery("one by one").id(), "Ada", null, null));
        List<EnrolledFace> expected = new ArrayList<>();
        for (byte[] photo : entries.values()) {
            expected.add(enroll.enroll(OPERATOR, byItself.id(), photo));
        }
        List<EnrolledFace> stored = fakes.faces().findByPerson(ada.id());
        assertThat(stored).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(stored.get(i).imageSha256()).isEqualTo(expected.get(i).imageSha256());
            assertThat(stored.get(i).face()).isEqualTo(expected.get(i).face());
            assertThat(stored.get(i).quality()).isEqualTo(expected.get(i).quality());
            assertThat(stored.get(i).embedding().vector())
                    .containsExactly(expected.get(i).embedding().vector());
        }
    }

    @Test
    void aJobRunAgainComputesNoFaceForItsDuplicatesBeyondTheFirstLookAhead() throws IOException {
        Gallery gallery = gallery();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String name : List.of("Ada", "Bob", "Cy", "Dee", "Eve")) {
            entries.put(name + "/1.jpg", FakePhoto.portrait(name));
        }
        submit(gallery, entries);
        assertThat(runner("a", jobs).runOne()).isTrue();
        int decodedFirst = fakes.decoder.calls();

        clock.advance(Duration.ofMinutes(1));
        EnrollmentJob again = submit(gallery, entries);
        assertThat(runner("a", jobs).runOne()).isTrue();

        assertThat(decodedFirst).isEqualTo(5);
        assertThat(jobs.find(again.id()).orElseThrow().duplicate()).isEqualTo(5);
        assertThat(fakes.decoder.calls() - decodedFirst)
                .as("after the first duplicate the runner stops computing ahead")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void anInterruptedRunnerRecordsNothingMoreAndTheJobResumesAfterItsLease() throws Exception {
        Gallery gallery = gallery();
        EnrollmentJob job = submit(gallery, archive());
        JobRepository interrupting = new OnRecord(jobs, records -> {
            if (records == 2) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicBoolean ran = new AtomicBoolean();
        Thread stopping = Thread.ofVirtual()
                .start(() -> ran.set(runner("stops", interrupting).runOne()));
        stopping.join(10_000);

        assertThat(ran).isTrue();
        assertThat(jobs.recordedPaths(job.id())).containsExactlyInAnyOrder("Ada/1.jpg", "Ada/2.jpg");
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        clock.advance(LEASE.plusSeconds(1));
        assertThat(runner("other", jobs).runOne()).isTrue();
        assertResumedToTheSameEnd(job, gallery);
    }

    @Test
    void anUnreachableBucketStopsTheRunWithoutRefusingPhotosAndTheJobGoesOnWhenItIsBack() {
        Gallery gallery = gallery();
        EnrollmentJob job = submitPrefix(gallery, "imports/flaky/", archive());
        bucket.unavailable(true);
        assertThatThrownBy(() -> runner("a", jobs).runOne())
                .isInstanceOfSatisfying(
                        dev.facerec.core.FaceException.class,
                        e -> assertThat(e.code()).isEqualTo(dev.facerec.core.FaceErrorCode.UNAVAILABLE));
        assertThat(jobs.recordedPaths(job.id())).isEmpty();
        assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        bucket.unavailable(false);
        clock.advance(LEASE.plusSeconds(1));
        assertThat(runner("b", jobs).runOne()).isTrue();
        assertThat(jobs.find(job.id()).orElseThrow().enrolled()).isEqualTo(3);
    }

    @Test
    void withoutS3StorageAJobFromAPrefixIsAConflictAndAReplicaWithoutItFailsSuchAJob() {
        Gallery gallery = gallery();
        assertThatThrownBy(() -> enrollmentJobs(Optional.empty()).submitPrefix(OPERATOR, gallery.id(), "imports/a/"))
                .isInstanceOfSatisfying(dev.facerec.core.FaceException.class, e -> {
                    assertThat(e.code()).isEqualTo(dev.facerec.core.FaceErrorCode.CONFLICT);
                    assertThat(e.details()).containsEntry("field", "s3Prefix").containsEntry("reason", "no_s3_storage");
                    assertThat(e.getMessage()).contains("S3_ENDPOINT");
                });

        EnrollmentJob job = submitPrefix(gallery, "imports/elsewhere/", archive());
        JobRunner withoutS3 = runner(
                "archives-only",
                jobs,
                new JobSources(List.of(new ArchiveSource(new DirectoryArchiveStore(directory), inspector))),
                enroll);
        assertThat(withoutS3.runOne()).isTrue();
        EnrollmentJob failed = jobs.find(job.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.failure()).contains("S3_ENDPOINT");
    }

    /** The job repository, whose second record of an outcome fails as a process killed there would. */
    private JobRepository crashingOnSecondRecord() {
        return new OnRecord(jobs, records -> {
            if (records == 2) {
                throw new IllegalStateException("killed");
            }
        });
    }

    private Person onlyPerson(Gallery gallery) {
        return fakes.persons()
                .find(new PersonQuery(gallery.id(), null, null, 0, 10))
                .items()
                .getFirst();
    }

    /** The end of the archive of {@link #archive()} done once whatever stopped the runs before: 3 enrolled, 1 refused, 1 duplicate. */
    private void assertResumedToTheSameEnd(EnrollmentJob job, Gallery gallery) {
        EnrollmentJob done = jobs.find(job.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(new int[] {done.enrolled(), done.refused(), done.duplicate()})
                .containsExactly(3, 1, 1);
        assertThat(facesByPerson(gallery)).containsExactly(Map.entry("Ada", 2), Map.entry("Bob", 1));
    }

    private Map<String, Integer> facesByPerson(Gallery gallery) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Person person : fakes.persons()
                .find(new PersonQuery(gallery.id(), null, null, 0, 100))
                .items()) {
            counts.merge(person.name(), fakes.faces().findByPerson(person.id()).size(), Integer::sum);
        }
        counts.values().removeIf(count -> count == 0);
        return counts;
    }

    /** Calls {@code hook} with the number of the record about to be made (from 1), before it is made. */
    private static final class OnRecord implements JobRepository {
        private final JobRepository delegate;
        private final IntConsumer hook;
        private int records;

        OnRecord(JobRepository delegate, IntConsumer hook) {
            this.delegate = delegate;
            this.hook = hook;
        }

        @Override
        public boolean record(JobItem item) {
            hook.accept(++records);
            return delegate.record(item);
        }

        @Override
        public EnrollmentJob create(EnrollmentJob job, List<ListedPhoto> photos) {
            return delegate.create(job, photos);
        }

        @Override
        public List<ListedPhoto> listedPhotos(java.util.UUID jobId) {
            return delegate.listedPhotos(jobId);
        }

        @Override
        public java.util.Optional<EnrollmentJob> find(java.util.UUID id) {
            return delegate.find(id);
        }

        @Override
        public java.util.Optional<EnrollmentJob> claim(String leaseOwner, Instant now, Instant leaseUntil) {
            return delegate.claim(leaseOwner, now, leaseUntil);
        }

        @Override
        public boolean renew(java.util.UUID jobId, String leaseOwner, Instant leaseUntil) {
            return delegate.renew(jobId, leaseOwner, leaseUntil);
        }

        @Override
        public java.util.Set<String> recordedPaths(java.util.UUID jobId) {
            return delegate.recordedPaths(jobId);
        }

        @Override
        public boolean recordsFace(java.util.UUID jobId, java.util.UUID faceId) {
            return delegate.recordsFace(jobId, faceId);
        }

        @Override
        public dev.facerec.core.person.Page<JobItem> items(
                java.util.UUID jobId, dev.facerec.core.person.PageRequest request) {
            return delegate.items(jobId, request);
        }

        @Override
        public boolean finish(java.util.UUID jobId, String leaseOwner, JobState state, String failure, Instant now) {
            return delegate.finish(jobId, leaseOwner, state, failure, now);
        }

        @Override
        public boolean cancel(java.util.UUID jobId, Instant now) {
            return delegate.cancel(jobId, now);
        }
    }
}
