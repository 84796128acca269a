package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * What a client gives to create a person; the {@link dev.facerec.core.person.Person} record checks the lengths.
 *
 * @param externalId optional, {@code null} when none
 * @param metadata a JSON object as text, {@code null} for {@code "{}"}
 */
public record NewPerson(UUID galleryId, String name, String externalId, String metadata) {
    public NewPerson {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(name, "name is null");
    }
}
