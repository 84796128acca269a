package dev.facerec.ml.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises content that is clearly something other than a supported image, so that the caller hears what they
 * actually sent (a PDF, a web page, a video) rather than a generic "unreadable".
 */
final class ForeignContent {
    /** Markup sniffing looks this far into the file; an SVG's root element comes within its first few lines. */
    private static final int TEXT_WINDOW = 4096;

    private ForeignContent() {}

    /** A description such as {@code "a PDF document"} when the bytes are a recognised unsupported format. */
    static Optional<String> describe(byte[] bytes) {
        return Optional.ofNullable(binary(bytes)).or(() -> markup(bytes));
    }

    private static String binary(byte[] bytes) {
        if (Bytes.startsWithText(bytes, 0, "%PDF")) {
            return "a PDF document";
        }
        if (Bytes.startsWithText(bytes, 0, "%!PS")) {
            return "a PostScript document";
        }
        if (Bytes.startsWithText(bytes, 0, "8BPS")) {
            return "a Photoshop document";
        }
        if (Bytes.startsWithText(bytes, 4, "ftyp")) {
            // HEIC and AVIF share this container; their brands were recognised as supported formats before this.
            return "a video or other media file";
        }
        if (Bytes.startsWith(bytes, 0, 0xFF, 0x0A) || Bytes.startsWith(bytes, 4, 'J', 'X', 'L', ' ')) {
            return "a JPEG XL image";
        }
        if (Bytes.startsWith(bytes, 4, 'j', 'P', ' ', ' ')) {
            return "a JPEG 2000 image";
        }
        return null;
    }

    private static Optional<String> markup(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, TEXT_WINDOW), StandardCharsets.ISO_8859_1)
                .replace("\u00EF\u00BB\u00BF", "") // a UTF-8 byte order mark read as Latin-1
                .strip()
                .toLowerCase(Locale.ROOT);
        if (!head.startsWith("<")) {
            return Optional.empty();
        }
        if (head.contains("<svg")) {
            return Optional.of("an SVG vector drawing");
        }
        if (head.startsWith("<!doctype html") || head.contains("<html")) {
            return Optional.of("an HTML page");
        }
        if (head.startsWith("<?xml")) {
            return Optional.of("an XML document");
        }
        return Optional.empty();
    }
}
