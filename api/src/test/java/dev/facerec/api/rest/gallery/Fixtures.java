package dev.facerec.api.rest.gallery;

import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakePipeline;
import java.time.Instant;
import java.util.UUID;

/** Rows written straight into the fakes, for tests about something else than creating them. */
public final class Fixtures {
    private Fixtures() {}

    public static Gallery gallery(FakePipeline fakes, String name) {
        return fakes.galleries().create(new Gallery(UUID.randomUUID(), name, Instant.now()));
    }

    public static Person person(FakePipeline fakes, Gallery gallery, String name, String externalId) {
        Instant now = Instant.now();
        return fakes.persons().create(new Person(UUID.randomUUID(), gallery.id(), name, externalId, "{}", now, now));
    }
}
