package dev.facerec.core.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A photo described in text that {@link FakeImageDecoder}, {@link FakeFaceDetector} and {@link FakeFaceEmbedder}
 * understand, so a test states what the photo shows in one line:
 * {@code FakePhoto.of(640, 480).face("alice", 100, 100, 120).bytes()}.
 */
public final class FakePhoto {
    static final String MAGIC = "fake-photo";

    private final int width;
    private final int height;
    private final List<String> faces = new ArrayList<>();
    private boolean blurred;

    private FakePhoto(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public static FakePhoto of(int width, int height) {
        return new FakePhoto(width, height);
    }

    /** A 200 x 200 photo of one frontal, sharp 120 px face of {@code person}. */
    public static byte[] portrait(String person) {
        return of(200, 200).face(person, 40, 40, 120).bytes();
    }

    public static byte[] noFace() {
        return of(200, 200).bytes();
    }

    /** A frontal face with score 0.95. */
    public FakePhoto face(String person, int x, int y, int size) {
        return face(person, x, y, size, 0.95f, false);
    }

    /** @param profile a head turned about 60 degrees */
    public FakePhoto face(String person, int x, int y, int size, float score, boolean profile) {
        faces.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%s", person, x, y, size, score, profile));
        return this;
    }

    /** Flat grey pixels, which no Laplacian finds an edge in. */
    public FakePhoto blurred() {
        blurred = true;
        return this;
    }

    public byte[] bytes() {
        return (MAGIC + ";" + width + ";" + height + ";" + blurred + ";" + String.join("|", faces)).getBytes(US_ASCII);
    }
}
