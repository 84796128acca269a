package dev.facerec.ml.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * Turns whatever a codec produced into interleaved 8-bit BGR with transparency composed over white.
 *
 * <p>The common outputs (8-bit RGB, RGBA and gray in one byte array, which covers JPEG, PNG, WebP and BMP) are
 * copied straight from the raster, and a codec that already produced BGR hands over its array without a copy. Anything
 * else (palettes, 16-bit samples, CMYK) is drawn by Java2D onto a white BGR canvas, which is slower but exact. Colour
 * spaces of type RGB are taken as sRGB: an embedded wide-gamut profile shifts colours slightly, which does not matter
 * to face detection, while converting through the colour management module would cost more than the decode.
 */
final class BgrConverter {
    private static final int OPAQUE = 255;

    private BgrConverter() {}

    static byte[] toBgr(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        if (raster.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1
                && raster.getSampleModel() instanceof ComponentSampleModel layout
                && image.getColorModel() instanceof ComponentColorModel colors
                && !colors.isAlphaPremultiplied()
                && Arrays.stream(layout.getSampleSize()).allMatch(bits -> bits == 8)
                && isGrayOrRgb(colors)) {
            if (isPlainBgr(image, raster, buffer, layout)) {
                return buffer.getData();
            }
            return copyInterleaved(image, raster, buffer, layout, colors);
        }
        return drawOnWhite(image);
    }

    private static boolean isGrayOrRgb(ComponentColorModel colors) {
        int type = colors.getColorSpace().getType();
        int components = colors.getNumColorComponents();
        return (type == ColorSpace.TYPE_RGB && components == 3) || (type == ColorSpace.TYPE_GRAY && components == 1);
    }

    /** The codec already wrote exactly the array we return: same order, no padding, no offset, no sharing. */
    private static boolean isPlainBgr(
            BufferedImage image, WritableRaster raster, DataBufferByte buffer, ComponentSampleModel layout) {
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && raster.getParent() == null
                && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0
                && buffer.getOffset() == 0
                && layout.getPixelStride() == 3
                && layout.getScanlineStride() == image.getWidth() * 3
                && Arrays.equals(layout.getBandOffsets(), new int[] {2, 1, 0})
                && buffer.getData().length == image.getWidth() * image.getHeight() * 3;
    }

    private static byte[] copyInterleaved(
            BufferedImage image,
            WritableRaster raster,
            DataBufferByte buffer,
            ComponentSampleModel layout,
            ComponentColorModel colors) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] bands = layout.getBandOffsets();
        boolean gray = colors.getNumColorComponents() == 1;
        int red = bands[0];
        int green = gray ? bands[0] : bands[1];
        int blue = gray ? bands[0] : bands[2];
        int alpha = colors.hasAlpha() ? bands[colors.getNumColorComponents()] : -1;
        int pixelStride = layout.getPixelStride();
        int scanlineStride = layout.getScanlineStride();
        // Where pixel (0, 0) of this raster starts; the band offsets are added per channel below.
        int origin = buffer.getOffset()
                - raster.getSampleModelTranslateX() * pixelStride
                - raster.getSampleModelTranslateY() * scanlineStride;
        byte[] source = buffer.getData();
        byte[] bgr = new byte[Math.multiplyExact(width * height, 3)];
        int target = 0;
        for (int y = 0; y < height; y++) {
            int pixel = origin + y * scanlineStride;
            for (int x = 0; x < width; x++, pixel += pixelStride, target += 3) {
                int opacity = alpha < 0 ? OPAQUE : source[pixel + alpha] & 0xFF;
                bgr[target] = overWhite(source[pixel + blue], opacity);
                bgr[target + 1] = overWhite(source[pixel + green], opacity);
                bgr[target + 2] = overWhite(source[pixel + red], opacity);
            }
        }
        return bgr;
    }

    private static byte overWhite(byte value, int opacity) {
        if (opacity == OPAQUE) {
            return value;
        }
        return (byte) (((value & 0xFF) * opacity + OPAQUE * (OPAQUE - opacity) + OPAQUE / 2) / OPAQUE);
    }

    private static byte[] drawOnWhite(BufferedImage image) {
        BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = canvas.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
    }
}
