package dev.facerec.ml.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.image.DecodedImage;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Round trips through real PNG files so that both the raster copy and the Java2D path are exercised. */
class BgrConverterTest {
    private final SafeImageDecoder decoder = new SafeImageDecoder(TestImages.DEFAULT_LIMIT);

    @Test
    void writesBlueGreenRedAndComposesAlphaOverWhite() throws IOException {
        BufferedImage rgba = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0xFFFF0000); // opaque red
        rgba.setRGB(1, 0, 0xFF00FF00); // opaque green
        rgba.setRGB(2, 0, 0x80FF0000); // half-transparent red
        rgba.setRGB(3, 0, 0x00000000); // fully transparent black

        DecodedImage image = decoder.decode(png(rgba));

        assertThat(image.bgr()).containsExactly(0, 0, (byte) 255, 0, (byte) 255, 0, 127, 127, (byte) 255, -1, -1, -1);
    }

    @Test
    void drawsPaletteImagesWithTransparencyOverWhite() throws IOException {
        byte[] reds = {(byte) 255, 0};
        byte[] greens = {0, 0};
        byte[] blues = {0, (byte) 255};
        IndexColorModel palette = new IndexColorModel(8, 2, reds, greens, blues, 1);
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(0, 0, 0, 0);
        indexed.getRaster().setSample(1, 0, 0, 1);

        DecodedImage image = decoder.decode(png(indexed));

        assertThat(image.bgr()).containsExactly(0, 0, (byte) 255, -1, -1, -1);
    }

    @Test
    void handsOverTheCodecsBgrArrayWithoutCopying() {
        BufferedImage bgr = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);

        assertThat(BgrConverter.toBgr(bgr))
                .isSameAs(((java.awt.image.DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
    }

    @Test
    void readsOnlyTheVisiblePartOfASubimage() {
        BufferedImage whole = new BufferedImage(3, 3, BufferedImage.TYPE_3BYTE_BGR);
        whole.setRGB(1, 1, 0x102030);
        whole.setRGB(2, 2, 0x405060);

        byte[] bgr = BgrConverter.toBgr(whole.getSubimage(1, 1, 2, 2));

        assertThat(bgr).containsExactly(0x30, 0x20, 0x10, 0, 0, 0, 0, 0, 0, 0x60, 0x50, 0x40);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", out)).isTrue();
        return out.toByteArray();
    }
}
