package dev.facerec.api.fake;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.facerec.core.FaceErrorCode;

/**
 * Readable stand-ins for uploaded photos, understood by {@link FakeImageDecoder}: the bytes say what the image
 * contains, so a test states its input in one line.
 */
public final class FakeImages {
    static final String IMAGE = "fake-image";
    static final String ERROR = "fake-error";
    static final String CRASH = "fake-crash";

    /** Text of an unexpected failure: it must never reach a response body. */
    public static final String SECRET = "jdbc:postgresql://db.internal/facerec password=hunter2 facerec-0.1.0";

    private FakeImages() {}

    /** An image of {@code width x height} showing {@code faces} faces of {@code person} (alice, lookalike, bob). */
    public static byte[] image(int width, int height, int faces, String person) {
        return (IMAGE + ";" + width + ";" + height + ";" + faces + ";" + person).getBytes(US_ASCII);
    }

    public static byte[] portrait(String person) {
        return image(64, 48, 1, person);
    }

    public static byte[] noFace() {
        return image(64, 48, 0, "nobody");
    }

    /** Bytes the decoder refuses with {@code code}, as the real decoder does for bad input. */
    public static byte[] failingWith(FaceErrorCode code) {
        return (ERROR + ";" + code.name()).getBytes(US_ASCII);
    }

    /** Bytes on which the decoder fails with an unexpected exception carrying {@link #SECRET}. */
    public static byte[] crashing() {
        return CRASH.getBytes(US_ASCII);
    }
}
