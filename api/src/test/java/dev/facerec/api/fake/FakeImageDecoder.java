package dev.facerec.api.fake;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.image.ImageFormat;
import java.util.List;
import java.util.Map;

/** Decodes {@link FakeImages}; the decoded image's format field carries the face count and the person. */
public final class FakeImageDecoder implements ImageDecoder {
    @Override
    public DecodedImage decode(byte[] bytes) {
        String text = new String(bytes, US_ASCII);
        if (bytes.length == 0) {
            throw new FaceException(FaceErrorCode.IMAGE_UNREADABLE, "The image is empty.");
        }
        String[] fields = text.split(";");
        return switch (fields[0]) {
            case FakeImages.IMAGE -> {
                int width = Integer.parseInt(fields[1]);
                int height = Integer.parseInt(fields[2]);
                yield new DecodedImage(width, height, new byte[width * height * 3], fields[3] + ";" + fields[4]);
            }
            case FakeImages.ERROR -> {
                FaceErrorCode code = FaceErrorCode.valueOf(fields[1]);
                throw new FaceException(code, "Fake decoder refuses with " + code + ".", Map.of("limit", 42));
            }
            case FakeImages.CRASH -> throw new IllegalStateException(FakeImages.SECRET);
            default -> throw new FaceException(FaceErrorCode.IMAGE_UNREADABLE, "These bytes are not an image.");
        };
    }

    /** The size of a fake image; any other bytes get decode's refusal. */
    @Override
    public long declaredPixels(byte[] bytes) {
        String[] fields = new String(bytes, US_ASCII).split(";");
        if (bytes.length > 0 && fields[0].equals(FakeImages.IMAGE)) {
            return Long.parseLong(fields[1]) * Long.parseLong(fields[2]);
        }
        return decode(bytes).pixelCount();
    }

    @Override
    public List<ImageFormat> supportedFormats() {
        return List.of(
                new ImageFormat("JPEG", "image/jpeg", List.of("jpg", "jpeg"), "baseline and progressive"),
                new ImageFormat("PNG", "image/png", List.of("png"), "8 and 16 bit"));
    }

    static int faces(DecodedImage image) {
        return Integer.parseInt(image.format().split(";")[0]);
    }

    static String person(DecodedImage image) {
        return image.format().split(";")[1];
    }
}
