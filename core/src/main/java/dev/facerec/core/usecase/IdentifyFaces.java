package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.account.Role;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.cache.EmbeddingCache.AnalysedFace;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.event.FacesIdentified;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.Thresholds;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.quality.QualityGate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * 1:N: who are the people in a photo? Every usable face is searched in the gallery's index; the best candidate is the
 * match when its similarity reaches the threshold, otherwise the face is unknown.
 *
 * <p>Candidates name persons, so what a caller sees depends on whether it may list the gallery ({@link Disclosure}):
 * otherwise any photo, or a threshold of -1, would answer with the persons nearest to it, and enough of them with who
 * is enrolled. Identification in a restricted gallery is for the callers it names and administrators only
 * ({@link GalleryAccess}).
 */
public final class IdentifyFaces {
    /** The false-positive identification rate the default threshold aims at. */
    public static final double TARGET_FPIR = 0.01;

    /**
     * How far below the threshold a candidate may lie and still be shown with {@link Disclosure#NEAR_THRESHOLD}, in
     * decades of false match rate: the calibrated thresholds are about one decade apart ({@code strict - standard}
     * in similarity), so strangers reach a band of half a decade only about three times as often as the threshold
     * itself.
     */
    public static final double NEAR_MARGIN_DECADES = 0.5;

    /** What a caller is shown of the gallery. */
    public enum Disclosure {
        /** Every candidate up to the limit, and any threshold the caller asks for: for those who may list the gallery. */
        FULL,
        /**
         * Only candidates at or within {@link #nearMargin} below the threshold, and never a threshold below
         * {@link #defaultThreshold} (a lower one is raised to it): for callers who may identify but not list.
         */
        NEAR_THRESHOLD;

        /** {@link #FULL} for an actor whose role may list a gallery's persons (OPERATOR, which ADMIN includes). */
        public static Disclosure of(Actor actor) {
            Role role = requireNonNull(actor, "actor is null").role();
            return role != null && role.includes(Role.OPERATOR) ? FULL : NEAR_THRESHOLD;
        }
    }

    public static final int DEFAULT_LIMIT = 5;
    public static final int MAX_LIMIT = 100;

    private final GalleryAccess access;
    private final GalleryRepository galleries;
    private final PersonRepository persons;
    private final GalleryIndex index;
    private final QueryFaces query;
    private final FaceEmbedder embedder;
    private final DomainEvents events;
    private final Clock clock;

    public IdentifyFaces(
            GalleryAccess access,
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            EmbeddingCache cache,
            QualityGate queryGate,
            GalleryRepository galleries,
            PersonRepository persons,
            GalleryIndex index) {
        this(
                access,
                decoder,
                detector,
                embedder,
                cache,
                queryGate,
                galleries,
                persons,
                index,
                DomainEvents.NONE,
                Clock.systemUTC());
    }

    /** @param events hears a {@link FacesIdentified} for each identification that matched someone */
    public IdentifyFaces(
            GalleryAccess access,
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            EmbeddingCache cache,
            QualityGate queryGate,
            GalleryRepository galleries,
            PersonRepository persons,
            GalleryIndex index,
            DomainEvents events,
            Clock clock) {
        this.events = requireNonNull(events, "events is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.access = requireNonNull(access, "access is null");
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.index = requireNonNull(index, "index is null");
        this.embedder = requireNonNull(embedder, "embedder is null");
        this.query = new QueryFaces(decoder, detector, embedder, cache, queryGate);
    }

    /**
     * The threshold that keeps false identifications of people who are not enrolled near {@value #TARGET_FPIR} for
     * this gallery's size: a fixed 1:1 threshold accepts about N times its false match rate in a gallery of N faces
     * (measured on LFW: the FMR 1e-3 threshold gave a 50% false-positive identification rate with 806 people). It
     * tells the gallery's size, so it is for the callers who may use the gallery.
     *
     * @throws FaceException {@code FORBIDDEN} if the gallery is restricted to other callers than {@code actor}
     */
    public float defaultThreshold(Actor actor, UUID galleryId) {
        access.check(actor, requireNonNull(galleryId, "galleryId is null"));
        return defaultThreshold(galleryId);
    }

    private float defaultThreshold(UUID galleryId) {
        return defaultThreshold(
                embedder.model().thresholds(),
                index.size(galleryId, embedder.model().id()));
    }

    /**
     * The default threshold for a gallery of {@code galleryFaces} faces under a model's calibrated {@code thresholds}:
     * what {@link #defaultThreshold(Actor, UUID)} answers for such a gallery. Public so that the evaluation tools
     * measure the decision the service makes rather than a copy of it.
     */
    public static float defaultThreshold(Thresholds thresholds, long galleryFaces) {
        return requireNonNull(thresholds, "thresholds is null").forIdentification(galleryFaces, TARGET_FPIR);
    }

    /**
     * How far below the threshold {@link Disclosure#NEAR_THRESHOLD} still shows a candidate: {@value
     * #NEAR_MARGIN_DECADES} of the similarity between the model's calibrated FMR 1e-3 and 1e-4 thresholds.
     */
    public float nearMargin() {
        Thresholds thresholds = embedder.model().thresholds();
        return (float) (NEAR_MARGIN_DECADES * (thresholds.strict() - thresholds.standard()));
    }

    /** Identification with what the actor's role may see ({@link Disclosure#of}). */
    public Identification identify(Actor actor, UUID galleryId, byte[] bytes, int limit, Float threshold) {
        return identify(actor, galleryId, bytes, limit, threshold, Disclosure.of(actor));
    }

    /**
     * @param limit candidates per face, 1 to {@value #MAX_LIMIT}
     * @param threshold the similarity a match needs; {@code null} for {@link #defaultThreshold}
     * @param disclosure what the caller may see; with {@link Disclosure#NEAR_THRESHOLD} the threshold answered is the
     *     one applied, which may be higher than the one asked for
     * @throws FaceException {@code FORBIDDEN} if the gallery is restricted to other callers than {@code actor} (before
     *     anything else is looked at), {@code INVALID_REQUEST} for a limit or threshold out of range, {@code NOT_FOUND}
     *     if the gallery does not exist, the decoder's errors, or {@code FACE_QUALITY} when every face found is
     *     unusable
     */
    public Identification identify(
            Actor actor, UUID galleryId, byte[] bytes, int limit, Float threshold, Disclosure disclosure) {
        requireNonNull(disclosure, "disclosure is null");
        access.check(actor, requireNonNull(galleryId, "galleryId is null"));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (threshold != null && !(threshold >= -1 && threshold <= 1)) {
            throw invalid("threshold", "threshold must be a cosine similarity between -1 and 1.");
        }
        galleries.find(requireNonNull(galleryId, "galleryId is null")).orElseThrow(() -> NotFound.gallery(galleryId));
        float decision = decision(galleryId, threshold, disclosure);
        float shownFrom = disclosure == Disclosure.FULL ? Float.NEGATIVE_INFINITY : decision - nearMargin();
        Map<UUID, Optional<Person>> seen = new HashMap<>();
        List<IdentifiedFace> identified = new ArrayList<>();
        for (AnalysedFace face : query.analyse(bytes)) {
            List<PersonCandidate> candidates = new ArrayList<>();
            for (GalleryIndex.Candidate hit : index.search(galleryId, face.embedding(), limit)) {
                if (hit.similarity() < shownFrom) {
                    continue;
                }
                // A person deleted since the index last caught up is skipped rather than reported.
                seen.computeIfAbsent(hit.personId(), persons::find)
                        .ifPresent(person -> candidates.add(new PersonCandidate(
                                person.id(), person.name(), person.externalId(), hit.faceId(), hit.similarity())));
            }
            PersonCandidate match =
                    !candidates.isEmpty() && candidates.getFirst().similarity() >= decision
                            ? candidates.getFirst()
                            : null;
            identified.add(new IdentifiedFace(face.face(), candidates, match));
        }
        List<FacesIdentified.Match> matches = identified.stream()
                .map(IdentifiedFace::match)
                .filter(Objects::nonNull)
                .map(match -> new FacesIdentified.Match(match.personId(), match.faceId()))
                .toList();
        if (!matches.isEmpty()) {
            events.publish(new FacesIdentified(galleryId, matches, clock.instant()));
        }
        return new Identification(query.modelId(), decision, identified);
    }

    private float decision(UUID galleryId, Float threshold, Disclosure disclosure) {
        if (threshold != null && disclosure == Disclosure.FULL) {
            return threshold;
        }
        float standard = defaultThreshold(galleryId);
        // Raised rather than refused: the default grows with the gallery, so a client could not know in advance which
        // thresholds would be refused.
        return threshold == null ? standard : Math.max(threshold, standard);
    }

    private static FaceException invalid(String field, String message) {
        return new FaceException(FaceErrorCode.INVALID_REQUEST, message, Map.of("field", field));
    }

    /** The faces of the photo, in detector order, with the threshold that decided the matches. */
    public record Identification(String modelId, float threshold, List<IdentifiedFace> faces) {
        public Identification {
            faces = List.copyOf(faces);
        }
    }

    /**
     * @param candidates best first, one per person
     * @param match the best candidate if it reaches the threshold, {@code null} when the face is unknown
     */
    public record IdentifiedFace(DetectedFace face, List<PersonCandidate> candidates, PersonCandidate match) {
        public IdentifiedFace {
            candidates = List.copyOf(candidates);
        }
    }

    /** A person the face may be, with the face that matched best. */
    public record PersonCandidate(UUID personId, String name, String externalId, UUID faceId, float similarity) {}
}
