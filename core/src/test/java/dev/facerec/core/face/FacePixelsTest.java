package dev.facerec.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.FinerPixels;
import dev.facerec.core.image.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FacePixelsTest {
    private final List<BoundingBox> regionsAsked = new ArrayList<>();
    private final List<Float> scalesAsked = new ArrayList<>();

    @Test
    void aFullDecodeServesEveryFace() {
        DecodedImage full = new DecodedImage(400, 300, new byte[400 * 300 * 3], "JPEG");
        DetectedFace small = face(10, 10, 30);

        FacePixels pixels = FacePixels.of(full, List.of(small));

        assertThat(pixels.forFace(small)).isSameAs(full);
    }

    @Test
    void largeFacesKeepTheReducedDecode() {
        DecodedImage half = halfOf4000x3000();
        DetectedFace large = face(1000, 1000, 600);

        FacePixels pixels = FacePixels.of(half, List.of(large));

        assertThat(pixels.forFace(large)).isSameAs(half);
        assertThat(regionsAsked).isEmpty();
    }

    @Test
    void smallFacesShareOneFinerRegionAtTheScaleTheSmallestNeeds() {
        DecodedImage half = halfOf4000x3000();
        DetectedFace small = face(1000, 1000, 100);
        DetectedFace smaller = face(1400, 1200, 56);
        DetectedFace large = face(2500, 500, 600);

        FacePixels pixels = FacePixels.of(half, List.of(large, small, smaller));

        assertThat(scalesAsked).containsExactly(1f);
        BoundingBox region = regionsAsked.getFirst();
        assertThat(region.x()).isLessThanOrEqualTo(1000 - 50);
        assertThat(region.x() + region.width()).isGreaterThanOrEqualTo(1456 + 28);
        assertThat(pixels.forFace(small).scale()).isEqualTo(1f);
        assertThat(pixels.forFace(smaller).scale()).isEqualTo(1f);
        assertThat(pixels.forFace(large)).isSameAs(half);
    }

    @Test
    void embedsEachFaceFromItsPixelsInTheOrderGiven() {
        DecodedImage half = halfOf4000x3000();
        DetectedFace small = face(1000, 1000, 100);
        DetectedFace large = face(2500, 500, 600);
        List<DecodedImage> embeddedFrom = new ArrayList<>();
        FaceEmbedder embedder = new FaceEmbedder() {
            @Override
            public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
                embeddedFrom.add(image);
                return faces.stream().map(face -> marker(face.box().x())).toList();
            }

            @Override
            public RecognitionModel model() {
                return new RecognitionModel("test", 2, new Thresholds(0.5f, 0.6f));
            }
        };

        List<Embedding> embeddings = FacePixels.of(half, List.of(large, small)).embed(embedder, List.of(large, small));

        assertThat(embeddings.get(0).similarity(marker(2500))).isCloseTo(1f, within(1e-6f));
        assertThat(embeddings.get(1).similarity(marker(1000))).isCloseTo(1f, within(1e-6f));
        assertThat(embeddedFrom).hasSize(2).contains(half);
    }

    @Test
    void withoutAFinerLookTheReducedDecodeServes() {
        DecodedImage half = new DecodedImage(
                2000, 1500, new byte[2000 * 1500 * 3], "JPEG", Placement.scaled(4000, 3000, 0.5f), FinerPixels.NONE);
        DetectedFace small = face(1000, 1000, 60);

        assertThat(FacePixels.of(half, List.of(small)).forFace(small)).isSameAs(half);
    }

    private DecodedImage halfOf4000x3000() {
        FinerPixels finer = (area, scale) -> {
            regionsAsked.add(area);
            scalesAsked.add(scale);
            int left = (int) Math.max(0, area.x());
            int top = (int) Math.max(0, area.y());
            int width = (int) Math.ceil(Math.min(4000, area.x() + area.width())) - left;
            int height = (int) Math.ceil(Math.min(3000, area.y() + area.height())) - top;
            return Optional.of(new DecodedImage(
                    width,
                    height,
                    new byte[width * height * 3],
                    "JPEG",
                    new Placement(4000, 3000, left, top, 1),
                    FinerPixels.NONE));
        };
        return new DecodedImage(
                2000, 1500, new byte[2000 * 1500 * 3], "JPEG", Placement.scaled(4000, 3000, 0.5f), finer);
    }

    /** Orthogonal embeddings for the faces at x = 2500 and elsewhere. */
    private static Embedding marker(float x) {
        return Embedding.normalised(x == 2500 ? new float[] {1, 0} : new float[] {0, 1}, "test");
    }

    private static DetectedFace face(float x, float y, float side) {
        List<Point> landmarks = List.of(
                new Point(x + side * 0.3f, y + side * 0.4f),
                new Point(x + side * 0.7f, y + side * 0.4f),
                new Point(x + side * 0.5f, y + side * 0.6f),
                new Point(x + side * 0.35f, y + side * 0.8f),
                new Point(x + side * 0.65f, y + side * 0.8f));
        return new DetectedFace(new BoundingBox(x, y, side, side), landmarks, 0.9f);
    }
}
