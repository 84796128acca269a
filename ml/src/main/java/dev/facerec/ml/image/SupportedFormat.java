package dev.facerec.ml.image;

import dev.facerec.core.image.ImageFormat;
import dev.facerec.ml.image.heif.HeifBrand;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The formats the decoder accepts, each recognised by its signature bytes so that a file name or a declared content
 * type never decides which codec parses untrusted bytes.
 */
enum SupportedFormat {
    JPEG(
            "jpeg",
            new ImageFormat(
                    "JPEG",
                    "image/jpeg",
                    List.of("jpg", "jpeg", "jpe", "jfif"),
                    "Baseline and progressive; RGB, grayscale, CMYK and YCCK. EXIF orientation is applied. A file"
                            + " cut short before its end-of-image marker is refused.")),
    PNG(
            "png",
            new ImageFormat(
                    "PNG",
                    "image/png",
                    List.of("png"),
                    "8 and 16 bits per channel, palette, grayscale; transparency is composed over white. EXIF"
                            + " orientation (eXIf chunk) is applied.")),
    WEBP(
            "webp",
            new ImageFormat(
                    "WebP",
                    "image/webp",
                    List.of("webp"),
                    "Lossy and lossless; transparency is composed over white. EXIF orientation is applied.")),
    BMP("bmp", new ImageFormat("BMP", "image/bmp", List.of("bmp", "dib"), "Uncompressed and RLE Windows bitmaps.")),
    GIF(
            "gif",
            new ImageFormat(
                    "GIF",
                    "image/gif",
                    List.of("gif"),
                    "Animated files yield their first frame; transparency is composed over white.")),
    TIFF(
            "tiff",
            new ImageFormat(
                    "TIFF",
                    "image/tiff",
                    List.of("tif", "tiff"),
                    "Multi-page files yield their first page. The orientation tag is applied.")),
    // HEIF flavours, decoded by libheif where the server has it (no ImageIO reader).
    HEIC(
            "heic",
            new ImageFormat(
                    "HEIC",
                    "image/heic",
                    List.of("heic", "heif", "hif"),
                    "HEVC-coded HEIF, the iPhone default; 8, 10 and 12 bits; transparency is composed over white."
                            + " Rotation and mirroring (irot, imir) are applied; the EXIF orientation is not, as the"
                            + " HEIF standard says. A file cut short is refused.")),
    AVIF(
            "avif",
            new ImageFormat(
                    "AVIF",
                    "image/avif",
                    List.of("avif"),
                    "AV1-coded HEIF; 8, 10 and 12 bits; transparency is composed over white. Rotation and mirroring"
                            + " (irot, imir) are applied. A file cut short is refused."));

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String imageIoName;
    private final ImageFormat description;

    SupportedFormat(String imageIoName, ImageFormat description) {
        this.imageIoName = imageIoName;
        this.description = description;
    }

    /** The format whose signature starts these bytes, if any. */
    static Optional<SupportedFormat> sniff(byte[] bytes) {
        return Arrays.stream(values()).filter(format -> format.matches(bytes)).findFirst();
    }

    /** @param withLibheif whether the formats decoded by libheif are available */
    static List<ImageFormat> descriptions(boolean withLibheif) {
        return Arrays.stream(values())
                .filter(format -> withLibheif || !format.decodedByLibheif())
                .map(format -> format.description)
                .toList();
    }

    /** Whether libheif, not ImageIO, decodes this format. */
    boolean decodedByLibheif() {
        return this == HEIC || this == AVIF;
    }

    /** The name ImageIO registers readers of this format under. */
    String imageIoName() {
        return imageIoName;
    }

    /** The short name clients see, e.g. {@code WebP}. */
    String displayName() {
        return description.name();
    }

    private boolean matches(byte[] bytes) {
        return switch (this) {
            case JPEG -> Bytes.startsWith(bytes, 0, 0xFF, 0xD8, 0xFF);
            case PNG -> Bytes.startsWith(bytes, 0, PNG_SIGNATURE);
            case WEBP -> Bytes.startsWithText(bytes, 0, "RIFF") && Bytes.startsWithText(bytes, 8, "WEBP");
            case BMP -> Bytes.startsWithText(bytes, 0, "BM");
            case GIF -> Bytes.startsWithText(bytes, 0, "GIF87a") || Bytes.startsWithText(bytes, 0, "GIF89a");
            // Classic TIFF (42) and BigTIFF (43), in either byte order.
            case TIFF ->
                Bytes.startsWith(bytes, 0, 'I', 'I', 42, 0)
                        || Bytes.startsWith(bytes, 0, 'M', 'M', 0, 42)
                        || Bytes.startsWith(bytes, 0, 'I', 'I', 43, 0)
                        || Bytes.startsWith(bytes, 0, 'M', 'M', 0, 43);
            case HEIC -> HeifBrand.sniff(bytes).equals(Optional.of(HeifBrand.HEIC));
            case AVIF -> HeifBrand.sniff(bytes).equals(Optional.of(HeifBrand.AVIF));
        };
    }
}
