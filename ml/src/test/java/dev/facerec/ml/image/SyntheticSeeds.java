package dev.facerec.ml.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Small images, written here with ImageIO's own encoders, for the codec variants that the shared photos lack under
 * the seed size cap: every TIFF compression and a two-page TIFF, BMP at 1, 4 (RLE), 8 (RLE), 16, 24 and 32 bits, GIF
 * with a palette and as an animation, PNG in 16 bits, with a transparent palette, interlaced and with an {@code eXIf}
 * chunk, JPEG progressive and grayscale, and a WebP container holding an {@code EXIF} chunk. A 32 x 24 picture decodes
 * in microseconds, so the fuzzer spends its time on mutations rather than on pixels.
 */
final class SyntheticSeeds {
    private static final int WIDTH = 32;
    private static final int HEIGHT = 24;

    private SyntheticSeeds() {}

    /** Each seed by a descriptive name, in a fixed order. */
    static Map<String, byte[]> all() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (String compression : List.of("None", "LZW", "ZLib", "Deflate", "PackBits", "JPEG")) {
            seeds.put(
                    "synthetic/tiff-" + compression, write("tiff", picture(BufferedImage.TYPE_3BYTE_BGR), compression));
        }
        seeds.put("synthetic/tiff-two-pages", tiffPages());
        seeds.put("synthetic/bmp-1bit", write("bmp", picture(BufferedImage.TYPE_BYTE_BINARY), null));
        seeds.put("synthetic/bmp-4bit-rle", write("bmp", picture(palette(4)), "BI_RLE4"));
        seeds.put("synthetic/bmp-8bit-rle", write("bmp", picture(palette(8)), "BI_RLE8"));
        seeds.put("synthetic/bmp-16bit", write("bmp", picture(BufferedImage.TYPE_USHORT_565_RGB), "BI_BITFIELDS"));
        seeds.put("synthetic/bmp-24bit", write("bmp", picture(BufferedImage.TYPE_3BYTE_BGR), null));
        seeds.put("synthetic/bmp-32bit", write("bmp", picture(BufferedImage.TYPE_INT_RGB), "BI_BITFIELDS"));
        seeds.put("synthetic/gif-palette", write("gif", picture(palette(8)), null));
        seeds.put("synthetic/gif-animated", gifFrames());
        seeds.put("synthetic/png-16bit", write("png", picture(BufferedImage.TYPE_USHORT_GRAY), null));
        seeds.put("synthetic/png-palette-alpha", write("png", picture(palette(8)), null));
        seeds.put("synthetic/png-gray-interlaced", write("png", picture(BufferedImage.TYPE_BYTE_GRAY), "interlaced"));
        seeds.put("synthetic/png-rgba-exif", withPngExif(write("png", picture(BufferedImage.TYPE_INT_ARGB), null)));
        seeds.put("synthetic/jpeg-progressive", write("jpeg", picture(BufferedImage.TYPE_3BYTE_BGR), "progressive"));
        seeds.put("synthetic/jpeg-gray", write("jpeg", picture(BufferedImage.TYPE_BYTE_GRAY), null));
        seeds.put("synthetic/webp-exif-container", webpExifContainer());
        return seeds;
    }

    /** A TIFF structure holding one IFD with Orientation = 6, as EXIF blocks carry it. */
    static byte[] exifOrientation6() {
        return ByteBuffer.allocate(26)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {'I', 'I', 42, 0})
                .putInt(8) // first IFD
                .putShort((short) 1) // one entry
                .putShort((short) 0x0112) // Orientation
                .putShort((short) 3) // SHORT
                .putInt(1)
                .putInt(6)
                .putInt(0) // no next IFD
                .array();
    }

    private static BufferedImage picture(int type) {
        return picture(new BufferedImage(WIDTH, HEIGHT, type));
    }

    private static BufferedImage picture(BufferedImage image) {
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int alpha = x < WIDTH / 4 ? 0x80 : 0xFF;
                image.setRGB(x, y, alpha << 24 | (x * 8) << 16 | (y * 10) << 8 | ((x ^ y) * 8 & 0xFF));
            }
        }
        return image;
    }

    private static BufferedImage palette(int bits) {
        int size = 1 << bits;
        byte[] red = new byte[size];
        byte[] green = new byte[size];
        byte[] blue = new byte[size];
        for (int i = 0; i < size; i++) {
            red[i] = (byte) (i * 255 / (size - 1));
            green[i] = (byte) (255 - i * 255 / (size - 1));
            blue[i] = (byte) (i * 37);
        }
        IndexColorModel model = new IndexColorModel(bits, size, red, green, blue, 0); // entry 0 transparent
        return new BufferedImage(
                WIDTH, HEIGHT, bits <= 4 ? BufferedImage.TYPE_BYTE_BINARY : BufferedImage.TYPE_BYTE_INDEXED, model);
    }

    /** Encodes one image; {@code variant} is a compression type, or "progressive" / "interlaced", or null. */
    private static byte[] write(String format, BufferedImage image, String variant) {
        return encode(format, variant, List.of(image));
    }

    private static byte[] tiffPages() {
        return encode("tiff", "LZW", List.of(picture(BufferedImage.TYPE_3BYTE_BGR), picture(palette(8))));
    }

    private static byte[] gifFrames() {
        return encode("gif", null, List.of(picture(palette(8)), picture(palette(8))));
    }

    private static byte[] encode(String format, String variant, List<BufferedImage> pages) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            if ("progressive".equals(variant) || "interlaced".equals(variant)) {
                parameters.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            } else if ("None".equals(variant)) {
                parameters.setCompressionMode(ImageWriteParam.MODE_DISABLED);
            } else if (variant != null) {
                parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                parameters.setCompressionType(variant);
            }
            if (pages.size() == 1) {
                writer.write(null, new IIOImage(pages.getFirst(), null, null), parameters);
            } else {
                writer.prepareWriteSequence(null);
                for (BufferedImage page : pages) {
                    writer.writeToSequence(new IIOImage(page, null, null), parameters);
                }
                writer.endWriteSequence();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Inserts an {@code eXIf} chunk with its CRC right after IHDR (signature 8 bytes, IHDR 25 bytes). */
    private static byte[] withPngExif(byte[] png) {
        byte[] payload = exifOrientation6();
        CRC32 crc = new CRC32();
        crc.update("eXIf".getBytes(StandardCharsets.US_ASCII));
        crc.update(payload);
        ByteBuffer chunk = ByteBuffer.allocate(12 + payload.length)
                .putInt(payload.length)
                .put("eXIf".getBytes(StandardCharsets.US_ASCII))
                .put(payload)
                .putInt((int) crc.getValue());
        int afterHeader = 8 + 25;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOfRange(png, 0, afterHeader));
        out.writeBytes(chunk.array());
        out.writeBytes(Arrays.copyOfRange(png, afterHeader, png.length));
        return out.toByteArray();
    }

    /** A RIFF/WEBP container with a VP8X header and an EXIF chunk (with the JPEG preamble) but no picture. */
    static byte[] webpExifContainer() {
        byte[] exif = exifOrientation6();
        ByteBuffer riff = ByteBuffer.allocate(12 + 18 + 8 + 6 + exif.length).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(riff.capacity() - 8);
        riff.put("WEBPVP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10);
        riff.put(new byte[] {0x08, 0, 0, 0, (byte) (WIDTH - 1), 0, 0, (byte) (HEIGHT - 1), 0, 0}); // EXIF flag, size
        riff.put("EXIF".getBytes(StandardCharsets.US_ASCII)).putInt(6 + exif.length);
        riff.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(exif);
        return riff.array();
    }
}
