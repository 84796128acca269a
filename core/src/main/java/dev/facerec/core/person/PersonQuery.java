package dev.facerec.core.person;

import java.util.UUID;

/**
 * A page of persons, filtered by any combination of gallery, name (case-insensitive substring) and exact external
 * id; {@code null} filters match everything. Results are ordered by name, then id.
 */
public record PersonQuery(UUID galleryId, String nameContains, String externalId, int page, int size) {
    public static final int MAX_PAGE_SIZE = PageRequest.MAX_SIZE;

    public PersonQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
