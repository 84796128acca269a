package dev.facerec.ml.image;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.image.ImageFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/** Interim decoder; replaced by the hardened one from the decoder branch. */
public final class SafeImageDecoder implements ImageDecoder {
    private final long maxPixels;

    public SafeImageDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    @Override
    public DecodedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new FaceException(FaceErrorCode.IMAGE_UNREADABLE, "unreadable");
            }
            if ((long) image.getWidth() * image.getHeight() > maxPixels) {
                throw new FaceException(FaceErrorCode.IMAGE_TOO_LARGE, "too large");
            }
            BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            bgr.getGraphics().drawImage(image, 0, 0, null);
            byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
            return new DecodedImage(image.getWidth(), image.getHeight(), data, "unknown");
        } catch (IOException e) {
            throw new FaceException(FaceErrorCode.IMAGE_UNREADABLE, "unreadable");
        }
    }

    @Override
    public List<ImageFormat> supportedFormats() {
        return List.of();
    }
}
