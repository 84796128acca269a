package dev.facerec.core.usecase;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.Map;
import java.util.UUID;

/** The {@code NOT_FOUND} errors of the use cases, worded alike. */
final class NotFound {
    private NotFound() {}

    static FaceException gallery(UUID id) {
        return of("gallery", id);
    }

    static FaceException person(UUID id) {
        return of("person", id);
    }

    static FaceException face(UUID id) {
        return of("face", id);
    }

    static FaceException of(String kind, UUID id) {
        return new FaceException(
                FaceErrorCode.NOT_FOUND, "There is no " + kind + " " + id + ".", Map.of(kind + "Id", id.toString()));
    }
}
