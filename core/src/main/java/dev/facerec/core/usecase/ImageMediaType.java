package dev.facerec.core.usecase;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The media type of stored image bytes, recognised from their first bytes (the same signatures the decoder trusts),
 * so the stored image is served with a truthful type whatever the client claimed on upload.
 */
public final class ImageMediaType {
    public static final String FALLBACK = "application/octet-stream";

    /** HEVC brands and the generic HEIF image brands (which an AVIF file also lists beside {@code avif}). */
    private static final Set<String> HEIC_BRANDS =
            Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1");

    private ImageMediaType() {}

    public static String sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        }
        if (startsWith(bytes, 0, 'B', 'M')) {
            return "image/bmp";
        }
        if (startsWith(bytes, 0, 'I', 'I', 42, 0) || startsWith(bytes, 0, 'M', 'M', 0, 42)) {
            return "image/tiff";
        }
        if (startsWith(bytes, 4, 'f', 't', 'y', 'p')) {
            return heifType(bytes);
        }
        return FALLBACK;
    }

    /** AVIF when any brand of the {@code ftyp} box is AV1's, HEIC for HEVC's and the generic image brands. */
    private static String heifType(byte[] bytes) {
        long declared =
                ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        int end = (int) Math.min(bytes.length, Math.min(declared, 8 + 4 * 64));
        boolean heic = false;
        for (int offset = 8; offset + 4 <= end; offset += offset == 8 ? 8 : 4) {
            String brand = new String(bytes, offset, 4, StandardCharsets.US_ASCII);
            if (brand.equals("avif") || brand.equals("avis")) {
                return "image/avif";
            }
            heic |= HEIC_BRANDS.contains(brand);
        }
        return heic ? "image/heic" : FALLBACK;
    }

    private static boolean startsWith(byte[] bytes, int offset, int... signature) {
        if (bytes.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[offset + i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
