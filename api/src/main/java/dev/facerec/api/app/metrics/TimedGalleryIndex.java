package dev.facerec.api.app.metrics;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.RequestDeadline;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.index.GalleryIndex;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Times {@link #search} as {@code facerec.inference{stage="search",model=<query model>}}; everything else passes
 * through untimed. The gallery is deliberately not a tag: galleries are created by clients, without bound. A search
 * does not start once the request's deadline has passed ({@link RequestDeadline#check()}).
 */
public final class TimedGalleryIndex implements GalleryIndex {
    private static final String DESCRIPTION = "pipeline stage time; search: 1:N search of one gallery";

    private final GalleryIndex delegate;
    private final MeterRegistry registry;

    public TimedGalleryIndex(GalleryIndex delegate, MeterRegistry registry) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public List<Candidate> search(UUID galleryId, Embedding query, int limit) {
        RequestDeadline.check();
        // Model packs are few, so the registry's lookup of an existing timer is the common path.
        return InferenceTimers.timer(registry, "search", query.modelId(), DESCRIPTION)
                .record(() -> delegate.search(galleryId, query, limit));
    }

    @Override
    public void add(UUID galleryId, UUID personId, UUID faceId, Embedding embedding) {
        delegate.add(galleryId, personId, faceId, embedding);
    }

    @Override
    public boolean remove(UUID galleryId, UUID faceId) {
        return delegate.remove(galleryId, faceId);
    }

    @Override
    public int removeGallery(UUID galleryId) {
        return delegate.removeGallery(galleryId);
    }

    @Override
    public int size(UUID galleryId, String modelId) {
        return delegate.size(galleryId, modelId);
    }

    @Override
    public Map<UUID, Integer> facesPerGallery() {
        return delegate.facesPerGallery();
    }

    @Override
    public long memoryBytes() {
        return delegate.memoryBytes();
    }
}
