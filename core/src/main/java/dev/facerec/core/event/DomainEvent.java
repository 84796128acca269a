package dev.facerec.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A committed change to the galleries, persons or faces, raised by the use case that made it once its write has
 * committed, whatever the front door (a request, a sweep, a job). Listeners may rely on the change being visible in
 * the database, and on every such change raising an event in the process that made it; they may not rely on hearing
 * of changes made by other processes (those reach a replica through the change log), nor on an event for a write that
 * failed.
 *
 * <p>An event holds identifiers and times only, never a name, an image or an embedding, so it can be logged and sent
 * on (to other replicas, to webhooks) as it is.
 */
public sealed interface DomainEvent
        permits FacesEnrolled, FacesErased, FacesIdentified, PersonChanged, GalleryChanged, JobFinished {
    /** The gallery the change happened in. */
    UUID galleryId();

    /** When the change committed, by the clock of the use case that made it. */
    Instant occurredAt();
}
