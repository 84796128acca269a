package dev.facerec.api.app.health;

import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.encrypted.EncryptingImageStore;
import dev.facerec.storage.local.LocalFolderImageStore;
import dev.facerec.storage.s3.S3ImageStore;
import org.springframework.boot.health.contributor.Health;

/** The {@code imageStore} component: whether enrolled images can be written and read right now. */
final class ImageStoreHealthIndicator extends TimedHealthIndicator {
    private final ImageStore store;

    ImageStoreHealthIndicator(ImageStore store) {
        this.store = store;
    }

    /** Where the images are; the encryption in front of the adapter shows as {@code encrypted}. */
    @Override
    String kind() {
        return kindOf(store);
    }

    private static String kindOf(ImageStore store) {
        return switch (store) {
            case EncryptingImageStore encrypting -> kindOf(encrypting.inner());
            case S3ImageStore s3 -> "s3";
            case LocalFolderImageStore local -> "local";
            default -> store.getClass().getSimpleName();
        };
    }

    @Override
    Health.Builder check() {
        // isAvailable() is bounded by the adapter's own timeouts.
        Health.Builder health = store.isAvailable()
                ? Health.up()
                : Health.down().withDetail(REASON, "the image store is not reachable or not writable");
        return health.withDetail("encrypted", store instanceof EncryptingImageStore);
    }
}
