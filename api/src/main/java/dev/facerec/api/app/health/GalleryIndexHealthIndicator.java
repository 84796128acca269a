package dev.facerec.api.app.health;

import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.index.InMemoryGalleryIndex;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code galleryIndex} component: how much memory the index holds and which change-log sequence it reflects
 * (compare it across replicas to see one lagging). Counting faces would walk every gallery, so it is left out.
 */
final class GalleryIndexHealthIndicator extends TimedHealthIndicator {
    private final GalleryIndex index;
    private final IndexSynchronizer synchronizer;

    GalleryIndexHealthIndicator(GalleryIndex index, IndexSynchronizer synchronizer) {
        this.index = index;
        this.synchronizer = synchronizer;
    }

    @Override
    String kind() {
        return "in-memory";
    }

    @Override
    Health.Builder check() {
        Health.Builder builder = Health.up().withDetail("memoryBytes", index.memoryBytes());
        if (index instanceof InMemoryGalleryIndex inMemory) {
            builder.withDetail("mappedBytes", inMemory.mappedBytes());
        }
        return builder.withDetail("sequence", synchronizer.sequence());
    }
}
