package dev.facerec.api.http.load;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.ImageDecoder;

/**
 * Puts the pipeline's ports under the service's load limits: decoding within the {@link DecodeMemoryBudget}, and
 * every CPU-heavy stage on the {@link ComputeExecutor}'s platform threads rather than on a request's virtual thread.
 */
public final class LoadLimits {
    private final DecodeMemoryBudget budget;
    private final ComputeExecutor compute;

    LoadLimits(DecodeMemoryBudget budget, ComputeExecutor compute) {
        this.budget = requireNonNull(budget, "budget is null");
        this.compute = requireNonNull(compute, "compute is null");
    }

    public ImageDecoder decoder(ImageDecoder decoder) {
        return new BudgetedImageDecoder(decoder, budget, compute);
    }

    public FaceDetector detector(FaceDetector detector) {
        return new OffloadedFaceDetector(detector, compute);
    }

    public FaceEmbedder embedder(FaceEmbedder embedder) {
        return new OffloadedFaceEmbedder(embedder, compute);
    }
}
