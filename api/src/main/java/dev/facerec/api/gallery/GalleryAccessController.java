package dev.facerec.api.gallery;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.gallery.GalleryAccessRepository;
import dev.facerec.core.usecase.ManageGalleries;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Restricting a gallery to named callers, for administrators: user names, {@code key:<prefix>} for API keys, or the
 * subject names of external tokens. An empty list opens the gallery to every role again.
 */
@RestController
@RequestMapping("/api/v1/galleries/{id}/access")
class GalleryAccessController {
    private static final int MAX_PRINCIPALS = 1000;

    private final GalleryAccessRepository access;
    private final ManageGalleries galleries;

    GalleryAccessController(GalleryAccessRepository access, ManageGalleries galleries) {
        this.access = access;
        this.galleries = galleries;
    }

    @GetMapping
    AccessView get(@PathVariable UUID id) {
        galleries.get(id);
        return AccessView.of(access.principals(id));
    }

    @PutMapping
    AccessView replace(@PathVariable UUID id, @Valid @RequestBody AccessRequest request) {
        galleries.get(id);
        Set<String> principals = new TreeSet<>();
        for (String principal : request.principals()) {
            String name = principal == null ? "" : principal.strip();
            if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
                throw new FaceException(
                        FaceErrorCode.INVALID_REQUEST,
                        "Each principal is a user name, key:<prefix> or an external subject of 1 to 200 printable"
                                + " characters.",
                        Map.of("field", "principals"));
            }
            principals.add(name);
        }
        if (principals.size() > MAX_PRINCIPALS) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "At most " + MAX_PRINCIPALS + " principals per gallery.",
                    Map.of("field", "principals"));
        }
        access.replace(id, principals);
        return AccessView.of(principals);
    }

    /** @param principals who may use the gallery besides administrators; empty: every role that may */
    record AccessRequest(@NotNull List<String> principals) {}

    record AccessView(List<String> principals, boolean restricted) {
        static AccessView of(Set<String> principals) {
            return new AccessView(List.copyOf(principals), !principals.isEmpty());
        }
    }
}
