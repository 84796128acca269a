package dev.facerec.ml.image.heif;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The two still-image flavours of the HEIF container that libheif decodes, told apart by the brands of the leading
 * {@code ftyp} box: HEVC-coded HEIC (the iPhone default) and AV1-coded AVIF. Safe on bytes of any length.
 */
public enum HeifBrand {
    HEIC,
    AVIF;

    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");
    private static final Set<String> HEVC_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx");
    /** Codec-neutral HEIF brands: image ({@code mif1}) and sequence ({@code msf1}). */
    private static final Set<String> GENERIC_BRANDS = Set.of("mif1", "msf1");
    /** More compatible brands than any real file lists; a hostile box size cannot make the scan long. */
    private static final int MOST_BRANDS = 64;

    /** The flavour these bytes declare, or empty when they do not start with a HEIF {@code ftyp} box. */
    public static Optional<HeifBrand> sniff(byte[] bytes) {
        if (bytes.length < 12 || !"ftyp".equals(text(bytes, 4))) {
            return Optional.empty();
        }
        Optional<HeifBrand> major = decisive(text(bytes, 8));
        if (major.isPresent()) {
            return major;
        }
        // Compatible brands follow the minor version; the box size bounds them, and so does the array.
        long boxSize = (bytes[0] & 0xFFL) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
        long size = boxSize == 0 ? bytes.length : boxSize; // 0: the box runs to the end of the file
        long end = Math.min(Math.min(size, bytes.length), 16L + 4L * MOST_BRANDS);
        boolean generic = GENERIC_BRANDS.contains(text(bytes, 8));
        for (int offset = 16; offset + 4 <= end; offset += 4) {
            String brand = text(bytes, offset);
            Optional<HeifBrand> compatible = decisive(brand);
            if (compatible.isPresent()) {
                return compatible;
            }
            generic |= GENERIC_BRANDS.contains(brand);
        }
        // A HEIF file that names no codec: libheif decodes whatever it holds, and most such files are HEVC.
        return generic ? Optional.of(HEIC) : Optional.empty();
    }

    /** The short name clients see. */
    public String displayName() {
        return name();
    }

    private static Optional<HeifBrand> decisive(String brand) {
        if (AVIF_BRANDS.contains(brand)) {
            return Optional.of(AVIF);
        }
        return HEVC_BRANDS.contains(brand) ? Optional.of(HEIC) : Optional.empty();
    }

    private static String text(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
    }
}
