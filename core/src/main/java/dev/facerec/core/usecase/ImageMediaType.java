package dev.facerec.core.usecase;

/**
 * The media type of stored image bytes, recognised from their first bytes (the same signatures the decoder trusts),
 * so the stored image is served with a truthful type whatever the client claimed on upload.
 */
public final class ImageMediaType {
    public static final String FALLBACK = "application/octet-stream";

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
        return FALLBACK;
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
