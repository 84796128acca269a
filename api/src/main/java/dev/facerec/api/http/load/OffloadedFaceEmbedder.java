package dev.facerec.api.http.load;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.DecodedImage;
import java.util.List;

/** Embeds on a compute thread, so that a request's virtual thread never holds a carrier through a model run. */
public final class OffloadedFaceEmbedder implements FaceEmbedder {
    private final FaceEmbedder delegate;
    private final ComputeExecutor compute;

    OffloadedFaceEmbedder(FaceEmbedder delegate, ComputeExecutor compute) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.compute = requireNonNull(compute, "compute is null");
    }

    @Override
    public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
        return compute.call(() -> delegate.embed(image, faces));
    }

    @Override
    public RecognitionModel model() {
        return delegate.model();
    }
}
