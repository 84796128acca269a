package dev.facerec.api.app.metrics;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.RequestDeadline;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.image.ImageFormat;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * Times every decode, refused images included, as {@code facerec.inference{stage="decode"}}. Like every timed stage,
 * it does not start once the request's deadline has passed ({@link RequestDeadline#check()}).
 */
public final class TimedImageDecoder implements ImageDecoder {
    private final ImageDecoder delegate;
    private final Timer timer;

    public TimedImageDecoder(ImageDecoder delegate, MeterRegistry registry) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.timer = InferenceTimers.timer(
                requireNonNull(registry, "registry is null"),
                "decode",
                InferenceTimers.NO_MODEL,
                "pipeline stage time; decode: bytes to upright pixels");
    }

    @Override
    public DecodedImage decode(byte[] bytes) {
        RequestDeadline.check();
        return timer.record(() -> delegate.decode(bytes));
    }

    /** Not timed: it reads a header only. */
    @Override
    public long declaredPixels(byte[] bytes) {
        return delegate.declaredPixels(bytes);
    }

    @Override
    public List<ImageFormat> supportedFormats() {
        return delegate.supportedFormats();
    }
}
