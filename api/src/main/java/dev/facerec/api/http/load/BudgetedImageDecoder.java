package dev.facerec.api.http.load;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.RequestDeadline;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.image.ImageFormat;
import java.util.List;
import java.util.Optional;

/**
 * Decodes within the {@link DecodeMemoryBudget} and on a compute thread: the image's share is set aside from the
 * pixel count its header declares (a refusal costs no decoding), and kept by the request's {@link RequestWork} until
 * the request no longer holds the pixels. Outside a request the share goes back when the decode returns.
 */
public final class BudgetedImageDecoder implements ImageDecoder {
    private final ImageDecoder delegate;
    private final DecodeMemoryBudget budget;
    private final ComputeExecutor compute;

    BudgetedImageDecoder(ImageDecoder delegate, DecodeMemoryBudget budget, ComputeExecutor compute) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.budget = requireNonNull(budget, "budget is null");
        this.compute = requireNonNull(compute, "compute is null");
    }

    @Override
    public DecodedImage decode(byte[] bytes) {
        RequestDeadline.check();
        DecodeMemoryBudget.Share share = budget.reserve(DecodeMemoryBudget.bytesFor(delegate.declaredPixels(bytes)));
        Optional<RequestWork> work = RequestWork.current();
        if (work.isEmpty()) {
            try (share) {
                return compute.call(() -> delegate.decode(bytes));
            }
        }
        work.get().hold(share);
        return compute.call(() -> delegate.decode(bytes));
    }

    @Override
    public long declaredPixels(byte[] bytes) {
        return delegate.declaredPixels(bytes);
    }

    @Override
    public List<ImageFormat> supportedFormats() {
        return delegate.supportedFormats();
    }
}
