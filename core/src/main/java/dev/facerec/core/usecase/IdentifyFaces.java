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
import dev.facerec.core.face.RecognitionModel;
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
 * match or the face is unknown. With the gallery's default threshold, {@link IdentificationDecision} decides: the best
 * candidate must stand out from the next persons the search returns as well as come near the threshold. A threshold
 * the caller gives is a raw cosine similarity and decides alone: the best candidate matches when it reaches it.
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
    private volatile GalleryOutlook outlook;
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
        RecognitionModel model = embedder.model();
        return defaultThreshold(model.thresholds(), index.size(galleryId, model.id()));
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
        return nearMargin(embedder.model());
    }

    private static float nearMargin(RecognitionModel model) {
        Thresholds thresholds = model.thresholds();
        return (float) (NEAR_MARGIN_DECADES * (thresholds.strict() - thresholds.standard()));
    }

    /** Identification with what the actor's role may see ({@link Disclosure#of}). */
    public Identification identify(Actor actor, UUID galleryId, byte[] bytes, int limit, Float threshold) {
        return identify(actor, galleryId, bytes, limit, threshold, Disclosure.of(actor));
    }

    /**
     * @param limit candidates per face, 1 to {@value #MAX_LIMIT}
     * @param threshold the raw similarity a match needs, which then decides alone; {@code null} for {@link
     *     #defaultThreshold} with {@link IdentificationDecision}, as is a threshold at or below the default from a
     *     caller with {@link Disclosure#NEAR_THRESHOLD}
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
        // One model for the whole request, read once: the recognizer may be switched while it runs, and thresholds,
        // index and embeddings must all be the same model's (the analysis refuses an embedding of another).
        RecognitionModel model = embedder.model();
        Decision decision = decision(model, galleryId, threshold, disclosure);
        long galleryFaces = index.size(galleryId, model.id());
        GalleryOutlook rates = outlook(model);
        float shownFrom = disclosure == Disclosure.FULL
                ? Float.NEGATIVE_INFINITY
                : Math.min(decision.threshold() - nearMargin(model), decision.lowestMatch());
        Map<UUID, Optional<Person>> seen = new HashMap<>();
        List<IdentifiedFace> identified = new ArrayList<>();
        for (AnalysedFace face : query.analyse(bytes, model.id())) {
            List<PersonCandidate> found = new ArrayList<>();
            for (GalleryIndex.Candidate hit : index.search(galleryId, face.embedding(), decision.searched(limit))) {
                // A person deleted since the index last caught up is skipped rather than reported.
                seen.computeIfAbsent(hit.personId(), persons::find)
                        .ifPresent(person -> found.add(new PersonCandidate(
                                person.id(),
                                person.name(),
                                person.externalId(),
                                hit.faceId(),
                                hit.similarity(),
                                rates.confidence(hit.similarity(), galleryFaces))));
            }
            PersonCandidate match = decision.matches(found) ? found.getFirst() : null;
            List<PersonCandidate> candidates = found.stream()
                    .filter(candidate -> candidate.similarity() >= shownFrom)
                    .limit(limit)
                    .toList();
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
        return new Identification(
                model.id(),
                decision.threshold(),
                identified,
                rates.assess(
                        galleryId,
                        galleryFaces,
                        decision.threshold(),
                        TARGET_FPIR,
                        decision.rule() == null ? Outlook.THRESHOLD : Outlook.MARGIN));
    }

    /**
     * What the default threshold can be expected to do in a gallery of {@code galleryFaces} faces (the caller already
     * knows the size, e.g. from the gallery's view); warnings are logged once per gallery.
     *
     * @throws FaceException {@code FORBIDDEN} if the gallery is restricted to other callers than {@code actor}
     */
    public Outlook outlook(Actor actor, UUID galleryId, long galleryFaces) {
        access.check(actor, requireNonNull(galleryId, "galleryId is null"));
        GalleryOutlook rates = outlook(embedder.model());
        return rates.assess(
                galleryId,
                galleryFaces,
                defaultThreshold(rates.model().thresholds(), galleryFaces),
                TARGET_FPIR,
                Outlook.MARGIN);
    }

    private GalleryOutlook outlook(RecognitionModel model) {
        GalleryOutlook current = outlook;
        if (current == null || current.model() != model) {
            current = new GalleryOutlook(model);
            outlook = current;
        }
        return current;
    }

    /**
     * The threshold answered and how the best candidate is judged: with the gallery's default threshold, by {@link
     * IdentificationDecision} (the margin over the next persons as well as the raw similarity); with a threshold the
     * caller chose, by the raw cosine similarity alone, as that threshold says.
     */
    private record Decision(float threshold, IdentificationDecision rule, long galleryFaces) {
        int searched(int limit) {
            return rule == null ? limit : Math.max(limit, rule.candidatesNeeded());
        }

        float lowestMatch() {
            return rule == null ? threshold : rule.lowestMatch(threshold);
        }

        boolean matches(List<PersonCandidate> bestFirst) {
            if (bestFirst.isEmpty()) {
                return false;
            }
            if (rule == null) {
                return bestFirst.getFirst().similarity() >= threshold;
            }
            float[] similarities = new float[bestFirst.size()];
            for (int i = 0; i < similarities.length; i++) {
                similarities[i] = bestFirst.get(i).similarity();
            }
            return rule.matches(similarities, threshold, galleryFaces);
        }
    }

    private Decision decision(RecognitionModel model, UUID galleryId, Float threshold, Disclosure disclosure) {
        if (threshold != null && disclosure == Disclosure.FULL) {
            return new Decision(threshold, null, 0);
        }
        Thresholds thresholds = model.thresholds();
        long faces = index.size(galleryId, model.id());
        float standard = defaultThreshold(thresholds, faces);
        // Raised rather than refused: the default grows with the gallery, so a client could not know in advance which
        // thresholds would be refused.
        if (threshold == null || threshold <= standard) {
            return new Decision(standard, IdentificationDecision.of(thresholds), faces);
        }
        return new Decision(threshold, null, 0);
    }

    private static FaceException invalid(String field, String message) {
        return new FaceException(FaceErrorCode.INVALID_REQUEST, message, Map.of("field", field));
    }

    /**
     * The faces of the photo, in detector order, with the threshold that decided the matches and what that threshold
     * can be expected to do in this gallery ({@code null} only from the three-argument constructor).
     */
    public record Identification(String modelId, float threshold, List<IdentifiedFace> faces, Outlook outlook) {
        public Identification {
            faces = List.copyOf(faces);
        }

        public Identification(String modelId, float threshold, List<IdentifiedFace> faces) {
            this(modelId, threshold, faces, null);
        }
    }

    /**
     * The expected error rates at a threshold for a gallery's size, from the recognizer's calibration.
     *
     * @param galleryFaces the faces searched
     * @param threshold the threshold in use
     * @param decision how the best candidate is judged: {@link #MARGIN} (the default: {@link IdentificationDecision},
     *     the raw threshold itself where the gallery holds too few persons for a cohort) or {@link #THRESHOLD} (a
     *     threshold the caller chose decides alone)
     * @param expectedFpir the share of people who are not enrolled expected to match someone at {@code threshold}, from
     *     the calibration; the {@link #MARGIN} decision was fitted to keep the measured FPIR at this figure (within
     *     0.74-1.58% for a 1% target on lfw-dev, docs/identification.md)
     * @param expectedTpir the share of enrolled people expected to reach the threshold with their own face;
     *     {@code null} when the pack ships no genuine score quantiles
     * @param warnings what the operator should know, empty when the target holds
     */
    public record Outlook(
            long galleryFaces,
            float threshold,
            String decision,
            double expectedFpir,
            Double expectedTpir,
            List<Warning> warnings) {
        /** The default decision: the margin over the next persons as well as the raw similarity. */
        public static final String MARGIN = "MARGIN";
        /** A threshold the caller chose: the raw similarity decides alone. */
        public static final String THRESHOLD = "THRESHOLD";

        public Outlook {
            requireNonNull(decision, "decision is null");
            if (!MARGIN.equals(decision) && !THRESHOLD.equals(decision)) {
                throw new IllegalArgumentException("decision must be MARGIN or THRESHOLD: " + decision);
            }
            warnings = List.copyOf(warnings);
        }
    }

    /** A machine-readable {@code code} and a message a person can act on. */
    public record Warning(String code, String message) {
        /** The FPIR target needs a false match rate below what the model is calibrated to. */
        public static final String BEYOND_CALIBRATION = "BEYOND_CALIBRATION";
        /** The threshold that meets the FPIR target rejects most true matches. */
        public static final String TRUE_MATCHES_LOST = "TRUE_MATCHES_LOST";
        /** The threshold in use lets through more than twice the target FPIR. */
        public static final String FPIR_ABOVE_TARGET = "FPIR_ABOVE_TARGET";

        public Warning {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
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

    /**
     * A person the face may be, with the face that matched best.
     *
     * @param confidence the probability that a stranger's best score in a gallery of this size stays below
     *     {@code similarity}: {@code (1 - FMR(similarity))^N}, in [0, 1]; NaN when not computed
     */
    public record PersonCandidate(
            UUID personId, String name, String externalId, UUID faceId, float similarity, double confidence) {
        public PersonCandidate(UUID personId, String name, String externalId, UUID faceId, float similarity) {
            this(personId, name, externalId, faceId, similarity, Double.NaN);
        }
    }
}
