package dev.facerec.ml.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.image.DecodedImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** EXIF orientation outside JPEG: the PNG eXIf chunk and the WebP EXIF chunk, written by hand into real files. */
class EmbeddedExifTest {
    /** A little-endian TIFF header and one IFD holding Orientation = 6 (rotate 90 degrees clockwise to view). */
    private static final byte[] ORIENTATION_6 = {
        'I',
        'I',
        42,
        0,
        8,
        0,
        0,
        0, // header, IFD at offset 8
        1,
        0, // one entry
        0x12,
        0x01,
        3,
        0,
        1,
        0,
        0,
        0,
        6,
        0,
        0,
        0, // tag 0x0112, SHORT, count 1, value 6
        0,
        0,
        0,
        0 // no next IFD
    };

    private final SafeImageDecoder decoder = new SafeImageDecoder(TestImages.DEFAULT_LIMIT);

    @Test
    void appliesThePngExifChunk() throws IOException {
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        stored.setRGB(0, 0, 0xFF0000); // top-left red, which belongs top-right once upright
        byte[] png = withPngChunk(png(stored), "eXIf", ORIENTATION_6);

        DecodedImage upright = decoder.decode(png);

        assertThat(upright.width()).isEqualTo(2);
        assertThat(upright.height()).isEqualTo(3);
        assertThat(pixel(upright, 1, 0)).containsExactly(0, 0, 255);
        assertThat(pixel(upright, 0, 0)).containsExactly(0, 0, 0);
    }

    @Test
    void appliesTheWebpExifChunkWithOrWithoutJpegPreamble() {
        byte[] webp = TestImages.bytes("detection/formats/blazeface_3faces_lossless.webp");
        DecodedImage plain = decoder.decode(webp);
        DecodedImage expected = Orientation.upright(plain, 6);
        byte[] preamble = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

        for (byte[] exif : new byte[][] {ORIENTATION_6, concat(preamble, ORIENTATION_6)}) {
            DecodedImage upright = decoder.decode(withRiffChunk(webp, "EXIF", exif));

            assertThat(upright.bgr()).isEqualTo(expected.bgr());
            assertThat(upright.bgr()).isNotEqualTo(plain.bgr());
        }
    }

    private static byte[] pixel(DecodedImage image, int x, int y) {
        int index = (y * image.width() + x) * 3;
        return new byte[] {image.bgr()[index], image.bgr()[index + 1], image.bgr()[index + 2]};
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Inserts a chunk right after IHDR (signature 8 bytes + IHDR 25 bytes), with its CRC. */
    private static byte[] withPngChunk(byte[] png, String type, byte[] payload) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(payload);
        ByteBuffer chunk = ByteBuffer.allocate(12 + payload.length);
        chunk.putInt(payload.length).put(typeBytes).put(payload).putInt((int) crc.getValue());
        int afterHeader = 8 + 25;
        return concat(
                java.util.Arrays.copyOfRange(png, 0, afterHeader),
                chunk.array(),
                java.util.Arrays.copyOfRange(png, afterHeader, png.length));
    }

    /** Appends a chunk to a WebP file and updates the RIFF size. */
    private static byte[] withRiffChunk(byte[] webp, String type, byte[] payload) {
        int padded = payload.length + (payload.length & 1);
        ByteBuffer chunk = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(type.getBytes(StandardCharsets.US_ASCII))
                .putInt(payload.length)
                .put(payload);
        byte[] result = concat(webp, chunk.array());
        ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).putInt(4, result.length - 8);
        return result;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
