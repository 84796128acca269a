package dev.facerec.api.compat;

import static java.util.Objects.requireNonNull;

import dev.facerec.api.http.security.Caller;
import dev.facerec.core.access.Actor;
import dev.facerec.core.account.Role;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * The API key behind a CompreFace call: the actor the use cases know it as, its role now, and the gallery it is bound
 * to (its face collection), if any.
 */
record CompreFaceCaller(Actor actor, Role role, UUID gallery) {
    CompreFaceCaller {
        requireNonNull(actor, "actor is null");
    }

    /** The caller of the current request; the security chain lets no request without an accepted key get here. */
    static CompreFaceCaller current() {
        Caller caller = Caller.current()
                .filter(found -> found.kind() == Caller.Kind.API_KEY)
                .orElseThrow(() -> new IllegalStateException("a CompreFace call without an API key"));
        return new CompreFaceCaller(caller.actor(), caller.role(), caller.keyGallery());
    }

    /**
     * The face collection of a recognition call: the gallery the key is bound to.
     *
     * @throws CompreFaceException 404 code 10, as CompreFace answers a key that is not a recognition service's
     */
    UUID collection() {
        return Optional.ofNullable(gallery)
                .orElseThrow(() -> new CompreFaceException(
                        HttpStatus.NOT_FOUND,
                        10,
                        "Recognition service with API Key " + actor.name().replaceFirst("^key:", "")
                                + " not found: the key is not bound to a gallery. Create a key with a galleryId"
                                + " (POST /api/v1/api-keys) for CompreFace's recognition calls."));
    }
}
