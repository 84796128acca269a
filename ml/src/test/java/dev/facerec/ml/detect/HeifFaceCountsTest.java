package dev.facerec.ml.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.SharedFixtures;
import dev.facerec.ml.image.heif.HeifSamples;
import dev.facerec.ml.image.heif.HeifSamples.Sample;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real detector (the default pack, YuNet) finds the faces of every HEIC and AVIF photo of
 * {@code heic-avif/expected.csv} through the engine's own decoder: at least {@code min_faces}, at most
 * {@code expected_faces}.
 */
class HeifFaceCountsTest {
    static Stream<Sample> photos() {
        return HeifSamples.photos().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void findsTheExpectedFaces(Sample sample) {
        HeifSamples.codec();
        FaceEngine engine = SharedFixtures.defaultEngine();
        DecodedImage image = engine.decoder().decode(sample.bytes());
        List<DetectedFace> faces = engine.detector().detect(image);

        assertThat(faces.size()).as("faces in %s", sample).isBetween(sample.minFaces(), sample.expectedFaces());
        for (DetectedFace face : faces) {
            assertThat(face.box().x() + face.box().width()).isLessThanOrEqualTo(image.width());
            assertThat(face.box().y() + face.box().height()).isLessThanOrEqualTo(image.height());
        }
    }
}
