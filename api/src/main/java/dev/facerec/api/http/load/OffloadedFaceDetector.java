package dev.facerec.api.http.load;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.image.DecodedImage;
import java.util.List;

/** Detects on a compute thread, so that a request's virtual thread never holds a carrier through a model run. */
public final class OffloadedFaceDetector implements FaceDetector {
    private final FaceDetector delegate;
    private final ComputeExecutor compute;

    OffloadedFaceDetector(FaceDetector delegate, ComputeExecutor compute) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.compute = requireNonNull(compute, "compute is null");
    }

    @Override
    public List<DetectedFace> detect(DecodedImage image) {
        return compute.call(() -> delegate.detect(image));
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }
}
