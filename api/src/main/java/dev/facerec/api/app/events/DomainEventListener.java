package dev.facerec.api.app.events;

import dev.facerec.core.event.DomainEvent;

/**
 * A bean that hears every {@link DomainEvent} raised in this process, on the thread of the use case that raised it,
 * after the write committed. It returns promptly (slow work goes to a thread of its own) and should not throw; what it
 * throws is logged and the other listeners still hear the event.
 */
@FunctionalInterface
public interface DomainEventListener {
    void on(DomainEvent event);
}
