package dev.facerec.api.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.event.ChangeKind;
import dev.facerec.core.event.DomainEvent;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.event.GalleryChanged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

/** The use cases' {@link DomainEvents} hands every event to every listener bean, in order, whatever one throws. */
class DomainEventConfigurationTest {
    private static final DomainEvent EVENT =
            new GalleryChanged(UUID.randomUUID(), ChangeKind.CREATED, Instant.parse("2026-05-01T10:00:00Z"));

    private final List<String> heard = new CopyOnWriteArrayList<>();

    @Test
    void everyListenerHearsEachEventInOrderAndAFailingOneStopsNeitherTheOthersNorTheCaller() {
        new ApplicationContextRunner()
                .withUserConfiguration(DomainEventConfiguration.class)
                .withBean("second", DomainEventListener.class, () -> new Named("second"))
                .withBean("failing", DomainEventListener.class, () -> new Failing())
                .withBean("first", DomainEventListener.class, () -> new First())
                .run(started -> {
                    started.getBean(DomainEvents.class).publish(EVENT);

                    assertThat(heard).containsExactly("first " + EVENT, "failing", "second " + EVENT);
                });
    }

    @Test
    void withoutListenersAnEventGoesNowhere() {
        new ApplicationContextRunner()
                .withUserConfiguration(DomainEventConfiguration.class)
                .run(started -> started.getBean(DomainEvents.class).publish(EVENT));
    }

    private class Named implements DomainEventListener {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public void on(DomainEvent event) {
            heard.add(name + " " + event);
        }
    }

    @Order(1)
    private final class First extends Named {
        First() {
            super("first");
        }
    }

    @Order(2)
    private final class Failing implements DomainEventListener {
        @Override
        public void on(DomainEvent event) {
            heard.add("failing");
            throw new IllegalStateException("listener down");
        }
    }
}
