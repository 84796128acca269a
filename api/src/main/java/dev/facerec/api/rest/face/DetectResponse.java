package dev.facerec.api.rest.face;

import dev.facerec.core.usecase.Detection;
import java.util.List;

/** The faces of one image, in the coordinates of the upright image of the size given. */
public record DetectResponse(int imageWidth, int imageHeight, List<FaceView> faces) {
    static DetectResponse of(Detection detection) {
        return new DetectResponse(
                detection.imageWidth(),
                detection.imageHeight(),
                detection.faces().stream().map(FaceView::of).toList());
    }
}
