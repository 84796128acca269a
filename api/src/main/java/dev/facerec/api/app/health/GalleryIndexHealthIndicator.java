package dev.facerec.api.app.health;

import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.recognizer.Recognizer;
import dev.facerec.index.InMemoryGalleryIndex;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code galleryIndex} component: the recognition model it serves, how much memory the indexes hold and which
 * change-log sequence the served one reflects (compare it across replicas to see one lagging), and while a model
 * switch is under way the model whose index is being loaded beside it. Counting faces would walk every gallery, so
 * it is left out.
 */
final class GalleryIndexHealthIndicator extends TimedHealthIndicator {
    private final ActiveRecognizer recognizers;

    GalleryIndexHealthIndicator(ActiveRecognizer recognizers) {
        this.recognizers = recognizers;
    }

    @Override
    String kind() {
        return "in-memory";
    }

    @Override
    Health.Builder check() {
        Recognizer active = recognizers.active();
        long mapped = recognizers.all().stream()
                .mapToLong(recognizer ->
                        recognizer.index() instanceof InMemoryGalleryIndex inMemory ? inMemory.mappedBytes() : 0)
                .sum();
        Health.Builder builder = Health.up()
                .withDetail("model", active.modelId())
                .withDetail("memoryBytes", recognizers.index().memoryBytes())
                .withDetail("mappedBytes", mapped)
                .withDetail("sequence", active.synchronizer().sequence());
        recognizers.pending().ifPresent(pending -> builder.withDetail("loadingModel", pending.modelId()));
        return builder;
    }
}
