package dev.facerec.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.event.ChangeKind;
import dev.facerec.core.event.DomainEvent;
import dev.facerec.core.event.FacesEnrolled;
import dev.facerec.core.event.FacesErased;
import dev.facerec.core.event.FacesIdentified;
import dev.facerec.core.event.GalleryChanged;
import dev.facerec.core.event.JobFinished;
import dev.facerec.core.event.PersonChanged;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns domain events into queued deliveries, one per enabled subscription that wants the event. Queuing is a write
 * to the delivery log, so callers hand events to it off the use case's thread; the {@link WebhookWorker} sends.
 */
public final class WebhookDispatcher {
    private final WebhookRepository webhooks;
    private final PersonRepository persons;
    private final Clock clock;

    public WebhookDispatcher(WebhookRepository webhooks, PersonRepository persons, Clock clock) {
        this.webhooks = requireNonNull(webhooks, "webhooks is null");
        this.persons = requireNonNull(persons, "persons is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Queues the deliveries {@code event} calls for; returns how many. */
    public int dispatch(DomainEvent event) {
        return payload(requireNonNull(event, "event is null")).map(this::queue).orElse(0);
    }

    /** The payload of {@code event} with ids only, or empty when no webhook event type corresponds. */
    static Optional<WebhookPayload> payload(DomainEvent event) {
        return switch (event) {
            case FacesEnrolled enrolled ->
                Optional.of(new WebhookPayload(WebhookEvent.PERSON_ENROLLED, enrolled.occurredAt())
                        .with("galleryId", enrolled.galleryId())
                        .with("personId", enrolled.personId())
                        .with("faceIds", enrolled.faceIds()));
            case PersonChanged changed
            when changed.kind() == ChangeKind.ERASED ->
                Optional.of(new WebhookPayload(WebhookEvent.PERSON_ERASED, changed.occurredAt())
                        .with("galleryId", changed.galleryId())
                        .with("personId", changed.personId()));
            case FacesIdentified identified ->
                Optional.of(new WebhookPayload(WebhookEvent.IDENTIFY_MATCHED, identified.occurredAt())
                        .with("galleryId", identified.galleryId())
                        .with(
                                "matches",
                                identified.matches().stream()
                                        .map(match -> Map.of("personId", match.personId(), "faceId", match.faceId()))
                                        .toList()));
            case JobFinished finished ->
                Optional.of(jobFinished(
                        finished.jobId(),
                        finished.galleryId(),
                        finished.state(),
                        Map.of(
                                "enrolled", (long) finished.enrolled(),
                                "refused", (long) finished.refused(),
                                "duplicate", (long) finished.duplicate(),
                                "total", (long) finished.total()),
                        finished.occurredAt()));
            case PersonChanged _, FacesErased _, GalleryChanged _ -> Optional.empty();
        };
    }

    /**
     * The payload of a finished bulk job.
     *
     * @param state how it ended, such as {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED}
     * @param counts such as {@code enrolled} and {@code refused}
     */
    public static WebhookPayload jobFinished(
            UUID jobId, UUID galleryId, String state, Map<String, Long> counts, Instant at) {
        return new WebhookPayload(WebhookEvent.JOB_FINISHED, at)
                .with("jobId", jobId)
                .with("galleryId", galleryId)
                .with("state", state)
                .with("counts", counts);
    }

    /** Queues {@code payload} for every enabled subscription that wants its event type; returns how many. */
    public int queue(WebhookPayload payload) {
        List<WebhookSubscription> targets = webhooks.findAll().stream()
                .filter(subscription -> subscription.wants(payload.event()))
                .toList();
        if (targets.isEmpty()) {
            return 0;
        }
        String plain = payload.toJson();
        String named = null;
        for (WebhookSubscription subscription : targets) {
            String body = plain;
            if (subscription.includeNames()) {
                named = named == null ? withName(payload) : named;
                body = named;
            }
            webhooks.enqueue(WebhookDelivery.first(subscription.id(), payload.event(), body, clock.instant()));
        }
        return targets.size();
    }

    /** The payload with the person's name, when it names one person who is still there. */
    private String withName(WebhookPayload payload) {
        return payload.personId()
                .flatMap(persons::find)
                .map(Person::name)
                .map(name -> payload.copyWith("personName", name).toJson())
                .orElseGet(payload::toJson);
    }
}
