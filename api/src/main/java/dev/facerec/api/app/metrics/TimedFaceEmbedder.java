package dev.facerec.api.app.metrics;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.RequestDeadline;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.DecodedImage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every embedding call as {@code facerec.inference{stage="embed",model=<recognizer>}}. The embedder aligns the
 * faces itself, so this stage includes alignment; one sample covers the whole batch of faces of one image. It does not
 * start once the request's deadline has passed ({@link RequestDeadline#check()}).
 */
public final class TimedFaceEmbedder implements FaceEmbedder {
    private final FaceEmbedder delegate;
    private final MeterRegistry registry;
    // One timer per model: the delegate may be switched to another recognizer while the service runs.
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public TimedFaceEmbedder(FaceEmbedder delegate, MeterRegistry registry) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.registry = requireNonNull(registry, "registry is null");
        timer(delegate.model().id());
    }

    @Override
    public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
        RequestDeadline.check();
        return timer(delegate.model().id()).record(() -> delegate.embed(image, faces));
    }

    private Timer timer(String modelId) {
        return timers.computeIfAbsent(
                modelId,
                id -> InferenceTimers.timer(
                        registry,
                        "embed",
                        id,
                        "pipeline stage time; embed: alignment and recognition of all faces of one image"));
    }

    @Override
    public RecognitionModel model() {
        return delegate.model();
    }
}
