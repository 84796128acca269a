package dev.facerec.api.health;

import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.local.LocalFolderImageStore;
import dev.facerec.storage.s3.S3ImageStore;
import org.springframework.boot.health.contributor.Health;

/** The {@code imageStore} component: whether enrolled images can be written and read right now. */
final class ImageStoreHealthIndicator extends TimedHealthIndicator {
    private final ImageStore store;

    ImageStoreHealthIndicator(ImageStore store) {
        this.store = store;
    }

    @Override
    String kind() {
        return switch (store) {
            case S3ImageStore s3 -> "s3";
            case LocalFolderImageStore local -> "local";
            default -> store.getClass().getSimpleName();
        };
    }

    @Override
    Health.Builder check() {
        // isAvailable() is bounded by the adapter's own timeouts.
        return store.isAvailable()
                ? Health.up()
                : Health.down().withDetail(REASON, "the image store is not reachable or not writable");
    }
}
