package dev.facerec.ml.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FacePixels;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.SharedFixtures;
import dev.facerec.ml.image.SafeImageDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large JPEGs decoded at a DCT scale find the same faces as a full ImageIO decode, and embed them alike: each face's
 * embedding from the scaled decode (with the finer look small faces get) against the one from the full decode.
 */
class ScaledDecodeAccuracyIT {
    /**
     * The decode's own effect: the same landmarks on the scaled pixels (a small face's from its finer region). A 2x2
     * average of the full decode itself gives 0.989 to 0.999 on these photos.
     */
    private static final float SAME_PIXELS = 0.98f;

    /**
     * With each decode's own detection, landmarks move by a pixel or two at the detector's scale, which moves the
     * embedding more than the pixels do; still far above any identity threshold (about 0.3 to 0.4 for this model).
     */
    private static final float SAME_FACE = 0.9f;

    private final SafeImageDecoder imageIo = new SafeImageDecoder(40_000_000L);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "large/deepface_img40_3061x4600.jpg",
                "large/deepface_img49_4352x2903.jpg",
                "large/solvay1927_upscaled_7000px.jpg"
            })
    void findsAndEmbedsTheFacesAFullDecodeFinds(String photo) {
        FaceEngine engine = SharedFixtures.defaultEngine();
        byte[] bytes = SharedFixtures.read("detection/" + photo);
        DecodedImage scaled = engine.decoder().decode(bytes);
        assumeTrue(scaled.scale() < 1, "libjpeg-turbo is not installed: nothing is decoded at a reduced scale");
        DecodedImage full = imageIo.decode(bytes);

        List<DetectedFace> fullFaces = engine.detector().detect(full);
        List<DetectedFace> scaledFaces = engine.detector().detect(scaled);
        List<Embedding> fullEmbeddings = engine.embedder().embed(full, fullFaces);
        List<Embedding> scaledEmbeddings = FacePixels.of(scaled, scaledFaces).embed(engine.embedder(), scaledFaces);
        // The decode alone: the scaled pixels embedded at the full decode's landmarks.
        List<Embedding> samePlaces = FacePixels.of(scaled, fullFaces).embed(engine.embedder(), fullFaces);
        assertThat(scaledFaces).hasSameSizeAs(fullFaces);
        float lowest = 1;
        float lowestSamePlaces = 1;
        for (int i = 0; i < fullFaces.size(); i++) {
            float pixelsOnly = fullEmbeddings.get(i).similarity(samePlaces.get(i));
            lowestSamePlaces = Math.min(lowestSamePlaces, pixelsOnly);
            assertThat(pixelsOnly).as("%s face %d, same landmarks", photo, i).isGreaterThan(SAME_PIXELS);
            int match = closest(fullFaces.get(i), scaledFaces);
            assertThat(fullFaces.get(i).box().iou(scaledFaces.get(match).box()))
                    .as("%s face %d box", photo, i)
                    .isGreaterThan(0.8f);
            float similarity = fullEmbeddings.get(i).similarity(scaledEmbeddings.get(match));
            lowest = Math.min(lowest, similarity);
            assertThat(similarity).as("%s face %d, own detection", photo, i).isGreaterThan(SAME_FACE);
        }
        System.out.printf(
                "%s: %d faces, decoded at %.3f; lowest similarity to the full decode: %.4f at the same landmarks,"
                        + " %.4f with its own detection%n",
                photo, fullFaces.size(), scaled.scale(), lowestSamePlaces, lowest);
    }

    /**
     * A small face in a large photo: at the reduced scale it spans fewer pixels than the recognizer's crop, so it is
     * embedded from a finer decode of its region, as close to the full decode as the large faces above.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Aaron_Sorkin/Aaron_Sorkin_0001.jpg", "Abbas_Kiarostami/Abbas_Kiarostami_0001.jpg"})
    void aSmallFaceInALargePhotoIsEmbeddedFromAFinerDecode(String portrait) throws IOException {
        FaceEngine engine = SharedFixtures.defaultEngine();
        byte[] bytes = largePhotoWith(SharedFixtures.read("lfw-dev/images/" + portrait));
        DecodedImage scaled = engine.decoder().decode(bytes);
        assumeTrue(scaled.scale() < 1, "libjpeg-turbo is not installed: nothing is decoded at a reduced scale");
        DecodedImage full = imageIo.decode(bytes);
        List<DetectedFace> faces = engine.detector().detect(full);
        assertThat(faces).hasSize(1);
        assertThat(FacePixels.neededScale(faces.getFirst())).isGreaterThan(scaled.scale());

        Embedding reference = engine.embedder().embed(full, faces).getFirst();
        Embedding finer =
                FacePixels.of(scaled, faces).embed(engine.embedder(), faces).getFirst();
        Embedding coarse = engine.embedder().embed(scaled, faces).getFirst();

        System.out.printf(
                "%s in a 4000x3000 photo: similarity to the full decode %.4f from the finer region, %.4f from the"
                        + " reduced decode alone%n",
                portrait, reference.similarity(finer), reference.similarity(coarse));
        assertThat(reference.similarity(finer)).isGreaterThan(SAME_PIXELS);
        assertThat(reference.similarity(finer)).isGreaterThan(reference.similarity(coarse));
    }

    /** The portrait pasted into a plain 4000 x 3000 JPEG. */
    private static byte[] largePhotoWith(byte[] portrait) throws IOException {
        BufferedImage face = ImageIO.read(new ByteArrayInputStream(portrait));
        BufferedImage photo = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = photo.createGraphics();
        graphics.setColor(new Color(120, 130, 140));
        graphics.fillRect(0, 0, photo.getWidth(), photo.getHeight());
        graphics.drawImage(face, 2501, 1703, null);
        graphics.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam quality = writer.getDefaultWriteParam();
        quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(0.95f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(photo, null, null), quality);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int closest(DetectedFace face, List<DetectedFace> candidates) {
        int best = 0;
        for (int i = 1; i < candidates.size(); i++) {
            if (face.box().iou(candidates.get(i).box())
                    > face.box().iou(candidates.get(best).box())) {
                best = i;
            }
        }
        return best;
    }
}
