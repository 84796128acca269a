package dev.facerec.core.person;

import java.util.List;

/**
 * The rows one deletion removed: how many persons, and each face, read in the deleting transaction. Face writers are
 * serialised with deletions, so a face enrolled concurrently is either in this list or was refused for a missing
 * person; nothing deleted is missing from it.
 */
public record Deletion(int persons, List<DeletedFace> faces) {
    public Deletion {
        if (persons < 0) {
            throw new IllegalArgumentException("persons must not be negative: " + persons);
        }
        faces = List.copyOf(faces);
    }
}
