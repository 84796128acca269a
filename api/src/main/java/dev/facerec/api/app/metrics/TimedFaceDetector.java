package dev.facerec.api.app.metrics;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.RequestDeadline;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.image.DecodedImage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * Times every detection as {@code facerec.inference{stage="detect",model=<detector>}} and counts the faces found in
 * {@code facerec.faces.detected}, so a dashboard can tell slow images from crowded ones. It does not start once the
 * request's deadline has passed ({@link RequestDeadline#check()}).
 */
public final class TimedFaceDetector implements FaceDetector {
    static final String FACES_DETECTED = "facerec.faces.detected";

    private final FaceDetector delegate;
    private final Timer timer;
    private final Counter faces;

    public TimedFaceDetector(FaceDetector delegate, MeterRegistry registry) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        requireNonNull(registry, "registry is null");
        String model = delegate.modelId();
        this.timer = InferenceTimers.timer(registry, "detect", model, "pipeline stage time; detect: face detection");
        this.faces = Counter.builder(FACES_DETECTED)
                .description("faces returned by the detector")
                .tag("model", model)
                .register(registry);
    }

    @Override
    public List<DetectedFace> detect(DecodedImage image) {
        RequestDeadline.check();
        List<DetectedFace> found = timer.record(() -> delegate.detect(image));
        faces.increment(found.size());
        return found;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }
}
