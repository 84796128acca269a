package dev.facerec.tools.compreface;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Copies a CompreFace face collection into a facerec gallery: a person for every subject (found by name, or created),
 * then every example's image enrolled as a face of its subject's person, page by page. What is done is written to the
 * {@link ImportState} as it happens, so a rerun skips it; one image's failure is counted with its reason and the
 * import goes on. Only what makes every further call pointless (a refused key, a source that cannot be listed) stops
 * it, as an {@link ImportFailure}.
 */
final class Importer {
    static final String NO_IMAGE = "SOURCE_KEPT_NO_IMAGE";

    private final CompreFaceSource source;
    private final FacerecTarget target;
    private final Progress progress;
    private final PrintStream log;
    private final int pageSize;

    Importer(CompreFaceSource source, FacerecTarget target, Progress progress, PrintStream log, int pageSize) {
        this.source = requireNonNull(source, "source is null");
        this.target = requireNonNull(target, "target is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.log = requireNonNull(log, "log is null");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
        this.pageSize = pageSize;
    }

    ImportSummary run(UUID galleryId, ImportState state) throws ImportFailure, IOException, InterruptedException {
        var run = new Run(galleryId, state, new ImportSummary());
        for (String subject : source.subjects()) {
            run.person(subject, null);
        }
        log.println("import-compreface: " + run.subjects.size() + " subjects, each with a person in the gallery");
        int page = 0;
        int pages;
        do {
            CompreFaceSource.Page examples = source.examples(page, pageSize);
            if (page == 0) {
                run.summary.images = examples.totalElements();
                progress.total(examples.totalElements());
            }
            for (CompreFaceSource.Example example : examples.examples()) {
                run.copy(example);
            }
            pages = examples.examples().isEmpty() ? page : examples.totalPages();
            page++;
        } while (page < pages);
        run.summary.subjects = run.subjects.size();
        return run.summary;
    }

    /** One import's working set: the persons resolved so far and the counts. */
    private final class Run {
        final UUID galleryId;
        final ImportState state;
        final ImportSummary summary;
        final Set<String> subjects = new HashSet<>();

        Run(UUID galleryId, ImportState state, ImportSummary summary) {
            this.galleryId = galleryId;
            this.state = state;
            this.summary = summary;
        }

        void copy(CompreFaceSource.Example example) throws ImportFailure, IOException, InterruptedException {
            String imageId = example.imageId();
            if (state.face(imageId).isPresent()) {
                summary.importedEarlier++;
                progress.advance(false);
                return;
            }
            if (example.subject().isBlank()) {
                fail(imageId, "NO_SUBJECT", "the source listed it without a subject");
            } else {
                upload(example);
            }
            progress.advance(true);
        }

        private void upload(CompreFaceSource.Example example) throws ImportFailure, IOException, InterruptedException {
            String imageId = example.imageId();
            byte[] image;
            try {
                image = source.image(imageId);
            } catch (IOException e) {
                fail(imageId, "SOURCE_IMAGE_UNAVAILABLE", e.getMessage());
                return;
            }
            if (image.length == 0) {
                summary.skip(NO_IMAGE, imageId);
                state.skipped(imageId, NO_IMAGE + " the source answered an empty image (SAVE_IMAGES_TO_DB=false?)");
                return;
            }
            FacerecTarget.Enrolment enrolment;
            try {
                UUID personId = person(example.subject(), null);
                enrolment = target.enroll(personId, imageId, image);
                if (enrolment instanceof FacerecTarget.Enrolment.Refused refused && refused.status() == 404) {
                    // The person was erased since it was found or made: find or make it again, once.
                    state.forgetPerson(example.subject());
                    enrolment = target.enroll(person(example.subject(), personId), imageId, image);
                }
            } catch (IOException e) {
                fail(imageId, "FACEREC_UNAVAILABLE", e.toString());
                return;
            }
            switch (enrolment) {
                case FacerecTarget.Enrolment.Enrolled(UUID faceId) -> {
                    state.imported(imageId, faceId, example.subject());
                    summary.imported++;
                }
                case FacerecTarget.Enrolment.Refused refused -> fail(imageId, refused.code(), refused.detail());
            }
        }

        /** @param replacing null, or the erased person that stood for the subject */
        UUID person(String subject, UUID replacing) throws ImportFailure, IOException, InterruptedException {
            subjects.add(subject.strip().toLowerCase(Locale.ROOT));
            Optional<UUID> known = state.person(subject);
            if (known.isPresent()) {
                return known.get();
            }
            FacerecTarget.Person person = target.person(galleryId, subject, replacing);
            if (person.created()) {
                summary.personsCreated++;
            }
            state.personResolved(subject, person.id());
            return person.id();
        }

        private void fail(String imageId, String reason, String detail) throws IOException {
            summary.fail(reason, imageId);
            state.failed(imageId, reason + " " + detail);
        }
    }
}
