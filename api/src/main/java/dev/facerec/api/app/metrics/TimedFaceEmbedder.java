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

/**
 * Times every embedding call as {@code facerec.inference{stage="embed",model=<recognizer>}}. The embedder aligns the
 * faces itself, so this stage includes alignment; one sample covers the whole batch of faces of one image. It does not
 * start once the request's deadline has passed ({@link RequestDeadline#check()}).
 */
public final class TimedFaceEmbedder implements FaceEmbedder {
    private final FaceEmbedder delegate;
    private final Timer timer;

    public TimedFaceEmbedder(FaceEmbedder delegate, MeterRegistry registry) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.timer = InferenceTimers.timer(
                requireNonNull(registry, "registry is null"),
                "embed",
                delegate.model().id(),
                "pipeline stage time; embed: alignment and recognition of all faces of one image");
    }

    @Override
    public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
        RequestDeadline.check();
        return timer.record(() -> delegate.embed(image, faces));
    }

    @Override
    public RecognitionModel model() {
        return delegate.model();
    }
}
