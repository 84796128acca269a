package dev.facerec.ml.image;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Reads the EXIF orientation (1-8) that a camera records instead of rotating the pixels it stores. */
final class ExifOrientation {
    static final int UPRIGHT = 1;

    private ExifOrientation() {}

    /**
     * The orientation recorded in the main image's EXIF directory, or {@link #UPRIGHT} when there is none, it is out
     * of range, or the metadata is damaged: broken metadata must not cost the user a picture that decoded fine.
     */
    static int read(byte[] bytes, SupportedFormat format) {
        try {
            Optional<Metadata> metadata = switch (format) {
                // Only the EXIF segment: XMP, IPTC and ICC parsing would cost time for nothing.
                case JPEG ->
                    Optional.of(JpegMetadataReader.readMetadata(
                            new ByteArrayInputStream(bytes), List.of(new ExifReader())));
                // A TIFF file is itself the structure EXIF borrows.
                case TIFF -> Optional.of(exif(bytes));
                case PNG -> ExifChunks.png(bytes).map(ExifOrientation::exif);
                case WEBP -> ExifChunks.webp(bytes).map(ExifOrientation::exif);
                case BMP, GIF -> Optional.empty();
                // libheif applies irot and imir, which the HEIF standard makes authoritative over EXIF (HeifCodec).
                case HEIC, AVIF -> Optional.empty();
            };
            return metadata.isPresent() ? orientationOf(metadata.get()) : UPRIGHT;
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException | StackOverflowError e) {
            return UPRIGHT;
        }
    }

    private static Metadata exif(byte[] tiffStructure) {
        Metadata metadata = new Metadata();
        new ExifReader().extract(new ByteArrayReader(tiffStructure), metadata);
        return metadata;
    }

    private static int orientationOf(Metadata metadata) throws MetadataException {
        // The first IFD0 is the main image; later ones may describe a thumbnail.
        ExifIFD0Directory directory = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (directory == null || !directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
            return UPRIGHT;
        }
        int orientation = directory.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        return orientation >= 1 && orientation <= 8 ? orientation : UPRIGHT;
    }
}
