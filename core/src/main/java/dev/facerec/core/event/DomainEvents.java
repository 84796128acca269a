package dev.facerec.core.event;

/**
 * Where use cases raise their {@link DomainEvent}s, after the write has committed. The use case has finished its work
 * by then, so the write stands whatever happens here.
 *
 * <p>Implementations deliver on the caller's thread and return promptly: a listener with slow work to do (a call to
 * Redis, a webhook) hands it to a thread of its own. {@link #publish} never throws; an implementation logs what a
 * listener threw and goes on with the other listeners.
 */
@FunctionalInterface
public interface DomainEvents {
    /** Tells nobody: for use cases built where nothing listens, such as tests of other behaviour. */
    DomainEvents NONE = event -> {};

    /** Delivers the event to every listener; never throws. */
    void publish(DomainEvent event);
}
