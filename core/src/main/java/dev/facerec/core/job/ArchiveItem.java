package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

/**
 * One photo of an archive and whom it is for.
 *
 * @param path the entry's path in the archive
 * @param personName the name of the person (the folder's name, or the manifest's {@code name})
 * @param externalId the manifest's {@code externalId}; null when none (a folder archive has none)
 */
public record ArchiveItem(String path, String personName, String externalId) {
    public ArchiveItem {
        requireNonNull(path, "path is null");
        requireNonNull(personName, "personName is null");
        if (externalId != null && externalId.isBlank()) {
            externalId = null;
        }
    }
}
