package dev.facerec.api.gallery;

import dev.facerec.api.privacy.ErasureReceiptView;
import dev.facerec.api.security.GalleryGuard;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.usecase.ManageGalleries;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Galleries: the collections identification searches within. */
@RestController
@RequestMapping("/api/v1/galleries")
class GalleryController {
    private final ManageGalleries galleries;
    private final GalleryGuard guard;

    GalleryController(ManageGalleries galleries, GalleryGuard guard) {
        this.galleries = galleries;
        this.guard = guard;
    }

    @PostMapping
    ResponseEntity<GalleryView> create(@Valid @RequestBody CreateGallery request) {
        Gallery gallery = galleries.create(request.name().strip());
        return ResponseEntity.created(URI.create("/api/v1/galleries/" + gallery.id()))
                .body(GalleryView.of(gallery));
    }

    @GetMapping
    GalleryList list() {
        var hidden = guard.hidden();
        return new GalleryList(galleries.list().stream()
                .filter(gallery -> !hidden.contains(gallery.id()))
                .map(GalleryView::of)
                .toList());
    }

    @GetMapping("/{id}")
    GalleryView get(@PathVariable UUID id) {
        return GalleryView.of(galleries.get(id));
    }

    /** Erases the gallery with everything in it and answers with the receipt. */
    @DeleteMapping("/{id}")
    ErasureReceiptView delete(@PathVariable UUID id) {
        return ErasureReceiptView.of(galleries.delete(id));
    }

    record CreateGallery(@NotBlank @Size(max = 200) String name) {}

    record GalleryView(UUID id, String name, Instant createdAt) {
        static GalleryView of(Gallery gallery) {
            return new GalleryView(gallery.id(), gallery.name(), gallery.createdAt());
        }
    }

    record GalleryList(List<GalleryView> items) {}
}
