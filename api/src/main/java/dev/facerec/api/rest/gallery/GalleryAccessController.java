package dev.facerec.api.rest.gallery;

import static dev.facerec.api.http.policy.Access.Level.ADMIN;
import static dev.facerec.api.http.policy.GalleryScope.Source.GALLERY_IN_PATH;

import dev.facerec.api.http.error.NamesInvalidFields;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.security.Caller;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.usecase.ManageGalleryAccess;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
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
@Access(ADMIN)
@Audited("galleries.access")
@GalleryScope(value = GALLERY_IN_PATH, name = "id")
@NamesInvalidFields
@RestController
@RequestMapping("/api/v1/galleries/{id}/access")
class GalleryAccessController {
    private final ManageGalleryAccess lists;

    GalleryAccessController(ManageGalleryAccess lists) {
        this.lists = lists;
    }

    /** The callers named, in order, paged like every list. */
    @Operation(summary = "List who may use a gallery", operationId = "getGalleryAccess")
    @GetMapping
    AccessView get(@PathVariable UUID id, PageRequest page) {
        return AccessView.of(lists.principals(Caller.currentActor(), id), page);
    }

    @Operation(
            summary = "Replace who may use a gallery (empty: every role that may)",
            operationId = "replaceGalleryAccess")
    @PutMapping
    AccessView replace(@PathVariable UUID id, @Valid @RequestBody AccessRequest request) {
        return AccessView.of(lists.replace(Caller.currentActor(), id, request.principals()), PageRequest.first());
    }

    /** @param principals who may use the gallery besides administrators; empty: every role that may */
    record AccessRequest(@NotNull List<String> principals) {}

    /**
     * @param principals one page of the callers named, in order
     * @param total how many callers are named in all
     */
    record AccessView(List<String> principals, boolean restricted, int page, int size, long total) {
        static AccessView of(Set<String> principals, PageRequest request) {
            Page<String> page = request.of(List.copyOf(new TreeSet<>(principals)));
            return new AccessView(page.items(), page.total() > 0, page.page(), page.size(), page.total());
        }
    }
}
