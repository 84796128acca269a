package dev.facerec.api.rest.person;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.BoundingBox;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code box} form field of an enrollment: {@code x,y,width,height} in image pixels, as a {@code MULTIPLE_FACES}
 * answer lists the faces it found, so that a client can say which face of a group photo to enrol.
 */
final class FaceBox {
    private static final int MAX_LENGTH = 100;

    private FaceBox() {}

    /**
     * @throws FaceException {@code INVALID_REQUEST} when the field is not four numbers with a positive size
     */
    static Optional<BoundingBox> parse(@Nullable String field) {
        if (field == null || field.isBlank()) {
            return Optional.empty();
        }
        String[] parts = field.length() > MAX_LENGTH ? new String[0] : field.split(",", -1);
        if (parts.length != 4) {
            throw invalid();
        }
        float[] values = new float[4];
        for (int i = 0; i < 4; i++) {
            try {
                values[i] = Float.parseFloat(parts[i].strip());
            } catch (NumberFormatException e) {
                throw invalid();
            }
            if (!Float.isFinite(values[i])) {
                throw invalid();
            }
        }
        if (!(values[2] > 0 && values[3] > 0)) {
            throw invalid();
        }
        return Optional.of(new BoundingBox(values[0], values[1], values[2], values[3]));
    }

    private static FaceException invalid() {
        return new FaceException(
                FaceErrorCode.INVALID_REQUEST,
                "The field 'box' must be four numbers \"x,y,width,height\" in image pixels, with a positive width and"
                        + " height, such as one of the boxes a MULTIPLE_FACES answer lists.");
    }
}
