package dev.facerec.api.app.gallery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.enrollment.*}: what enrollment accepts.
 *
 * @param backgroundFaceRatio {@code ENROLL_BACKGROUND_FACE_RATIO}: a face narrower than this times the widest face is
 *     background (a passer-by), not a second person; 0 counts every face of enrollable size; between 0 and 1
 */
@ConfigurationProperties("facerec.enrollment")
public record EnrollmentProperties(@DefaultValue("0.7") double backgroundFaceRatio) {
    public EnrollmentProperties {
        if (!(backgroundFaceRatio >= 0 && backgroundFaceRatio <= 1)) {
            throw new IllegalArgumentException(
                    "ENROLL_BACKGROUND_FACE_RATIO must be between 0 and 1: " + backgroundFaceRatio);
        }
    }
}
