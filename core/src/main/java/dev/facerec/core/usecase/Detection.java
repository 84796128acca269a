package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import java.util.List;

/** The faces found in one image, with the size of the upright image their coordinates refer to. */
public record Detection(int imageWidth, int imageHeight, List<DetectedFace> faces) {
    public Detection {
        faces = List.copyOf(requireNonNull(faces, "faces is null"));
    }
}
