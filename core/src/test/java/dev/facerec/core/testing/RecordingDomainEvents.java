package dev.facerec.core.testing;

import dev.facerec.core.event.DomainEvent;
import dev.facerec.core.event.DomainEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Keeps every event published, in order, and optionally shows each to a check as it arrives, so a test can look at the
 * stores at the moment of publication (has the write committed by then?).
 */
public final class RecordingDomainEvents implements DomainEvents {
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final Consumer<DomainEvent> onPublish;

    public RecordingDomainEvents() {
        this(event -> {});
    }

    public RecordingDomainEvents(Consumer<DomainEvent> onPublish) {
        this.onPublish = onPublish;
    }

    @Override
    public void publish(DomainEvent event) {
        onPublish.accept(event);
        events.add(event);
    }

    /** The events so far, oldest first. */
    public List<DomainEvent> events() {
        return List.copyOf(events);
    }

    /** The events so far of one type, oldest first. */
    public <T extends DomainEvent> List<T> events(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (DomainEvent event : events) {
            if (type.isInstance(event)) {
                matching.add(type.cast(event));
            }
        }
        return matching;
    }

    public void clear() {
        events.clear();
    }
}
