package dev.facerec.api.app.events;

import dev.facerec.core.event.DomainEvent;
import dev.facerec.core.event.DomainEvents;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Hands each event to every {@link DomainEventListener} bean in their order. The listeners are looked up per event,
 * not at construction, so a listener may depend on beans that depend on the use cases without a cycle.
 */
final class ListenerFanOut implements DomainEvents {
    private static final Logger log = LoggerFactory.getLogger(ListenerFanOut.class);

    private final ObjectProvider<DomainEventListener> listeners;

    ListenerFanOut(ObjectProvider<DomainEventListener> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void publish(DomainEvent event) {
        // The write has committed and its caller must not see a failure here; an event holds ids only, so it may be
        // logged.
        List<DomainEventListener> current;
        try {
            current = listeners.orderedStream().toList();
        } catch (RuntimeException e) {
            // The context is closing under a sweep that is still running: nobody is left to tell.
            log.warn("No listener can hear {}: {}", event, e.toString());
            return;
        }
        for (DomainEventListener listener : current) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                log.warn("A listener failed on {}", event, e);
            }
        }
    }
}
