package dev.facerec.api.app.sync;

import dev.facerec.api.app.events.DomainEventListener;
import dev.facerec.core.event.DomainEvent;
import dev.facerec.core.event.FacesEnrolled;
import dev.facerec.core.event.FacesErased;
import dev.facerec.core.event.FacesIdentified;
import dev.facerec.core.event.GalleryChanged;
import dev.facerec.core.event.JobFinished;
import dev.facerec.core.event.PersonChanged;

/**
 * Tells the other replicas to replay the change log when a committed write changed faces, whichever front door made
 * it: a request, the retention sweep, a job. Only face changes reach another replica's index (persons and galleries
 * are read from the database), so only they announce; the switch names every event so that a new one needs a decision
 * here.
 */
final class ReplicaNotification implements DomainEventListener {
    private final IndexChangePublisher publisher;

    ReplicaNotification(IndexChangePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void on(DomainEvent event) {
        boolean facesChanged = switch (event) {
            case FacesEnrolled _, FacesErased _ -> true;
            case FacesIdentified _, PersonChanged _, GalleryChanged _, JobFinished _ -> false;
        };
        if (facesChanged) {
            publisher.changed();
        }
    }
}
