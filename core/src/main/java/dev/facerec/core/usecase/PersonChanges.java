package dev.facerec.core.usecase;

/**
 * A partial update of a person: {@code null} leaves a field as it is. An empty {@code externalId} removes it.
 *
 * @param metadata a JSON object as text, replacing the whole metadata
 */
public record PersonChanges(String name, String externalId, String metadata) {}
