package dev.facerec.core.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.image.ImageFormat;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes {@link FakePhoto}s into noise (sharp) or flat grey (blurred) pixels; the image's format field carries the
 * face descriptions on to the detector. Anything else is {@code IMAGE_UNREADABLE}. Counts its calls.
 */
public final class FakeImageDecoder implements ImageDecoder {
    private final AtomicInteger calls = new AtomicInteger();
    private final Deque<FaceErrorCode> refusals = new ConcurrentLinkedDeque<>();

    /** The next {@code times} decodes are refused with {@code code} (say {@code UNAVAILABLE}: the service is busy). */
    public void refuseNext(FaceErrorCode code, int times) {
        for (int i = 0; i < times; i++) {
            refusals.add(code);
        }
    }

    /** Forgets the refusals not yet given. */
    public void heal() {
        refusals.clear();
    }

    @Override
    public DecodedImage decode(byte[] bytes) {
        calls.incrementAndGet();
        FaceErrorCode refusal = refusals.poll();
        if (refusal != null) {
            throw new FaceException(refusal, "refused on purpose: " + refusal);
        }
        String[] fields = fields(bytes);
        int width = Integer.parseInt(fields[1]);
        int height = Integer.parseInt(fields[2]);
        byte[] bgr = new byte[width * height * 3];
        if (Boolean.parseBoolean(fields[3])) {
            java.util.Arrays.fill(bgr, (byte) 128);
        } else {
            new Random(42).nextBytes(bgr);
        }
        return new DecodedImage(width, height, bgr, fields[4]);
    }

    @Override
    public long declaredPixels(byte[] bytes) {
        String[] fields = fields(bytes);
        return Long.parseLong(fields[1]) * Long.parseLong(fields[2]);
    }

    private static String[] fields(byte[] bytes) {
        String[] fields = new String(bytes, US_ASCII).split(";", -1);
        if (fields.length != 5 || !fields[0].equals(FakePhoto.MAGIC)) {
            throw new FaceException(FaceErrorCode.IMAGE_UNREADABLE, "These bytes are not an image.");
        }
        return fields;
    }

    @Override
    public List<ImageFormat> supportedFormats() {
        return List.of(new ImageFormat("FAKE", "image/x-fake", List.of("fake"), "test photos"));
    }

    public int calls() {
        return calls.get();
    }
}
