package dev.facerec.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation's figures for a fused pack are those of the fused embedder: composed from the members' embeddings
 * (computed, then read back from the members' cache files), every fused vector equals, bit for bit, what {@code
 * FusedFaceEmbedder} gives the same face; and a member evaluated on its own reads the file the fused run wrote.
 */
class FusedDatasetEmbedderIT {
    @TempDir
    Path cache;

    @Test
    void composedFromTheMembersCachesTheFusedEmbeddingsAreTheFusedEmbeddersOwn() throws Exception {
        Path images = Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images");
        List<Path> photos = Stream.of(
                        "Abel_Pacheco/Abel_Pacheco_0001.jpg",
                        "Abel_Pacheco/Abel_Pacheco_0004.jpg",
                        "Akhmed_Zakayev/Akhmed_Zakayev_0001.jpg",
                        "Colin_Powell/Colin_Powell_0001.jpg",
                        "Colin_Powell/Colin_Powell_0002.jpg",
                        "Tony_Blair/Tony_Blair_0001.jpg")
                .map(images::resolve)
                .toList();
        MlConfig config = MlConfig.defaults(Path.of(System.getProperty("facerec.models.dir")));
        try (FaceEngine fused = FaceEngine.start(config.withRecognizerPack("fusion-640"))) {
            Map<Path, Optional<Embedding>> computed = embedder(fused).embed(photos);
            assertThat(cacheFiles())
                    .as("one file per member, none for the fusion")
                    .hasSize(2)
                    .allMatch(name ->
                            name.startsWith("faceplugin-512-centre-") || name.startsWith("mobilefacenet-128-centre-"));
            Map<Path, Optional<Embedding>> readBack = embedder(fused).embed(photos);
            for (Path photo : photos) {
                Embedding direct = throughTheFusedEmbedder(fused, photo);
                assertThat(direct.modelId()).isEqualTo("fusion-640");
                assertThat(computed.get(photo).orElseThrow().vector())
                        .as(photo.toString())
                        .containsExactly(direct.vector());
                assertThat(readBack.get(photo).orElseThrow().vector())
                        .as(photo.toString())
                        .containsExactly(direct.vector());
                assertThat(readBack.get(photo).orElseThrow().modelId()).isEqualTo("fusion-640");
            }
        }
        try (FaceEngine member = FaceEngine.start(config)) {
            List<String> before = cacheFiles();
            Map<Path, Optional<Embedding>> alone = embedder(member).embed(photos.reversed());
            assertThat(cacheFiles()).as("the member reads the fused run's file").isEqualTo(before);
            assertThat(alone.get(photos.getFirst()).orElseThrow().vector())
                    .containsExactly(member.embedder()
                            .embed(decoded(member, photos.getFirst()), List.of(centreFace(member, photos.getFirst())))
                            .getFirst()
                            .vector());
        }
    }

    private DatasetEmbedder embedder(FaceEngine engine) {
        return new DatasetEmbedder(
                engine, 2, DatasetEmbedder.FaceChoice.CENTRE, DatasetEmbedder.Variant.AS_SHIPPED, Optional.of(cache));
    }

    private List<String> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static Embedding throughTheFusedEmbedder(FaceEngine engine, Path photo) throws IOException {
        return engine.embedder()
                .embed(decoded(engine, photo), List.of(centreFace(engine, photo)))
                .getFirst();
    }

    private static DecodedImage decoded(FaceEngine engine, Path photo) throws IOException {
        return engine.decoder().decode(Files.readAllBytes(photo));
    }

    private static DetectedFace centreFace(FaceEngine engine, Path photo) throws IOException {
        DecodedImage image = decoded(engine, photo);
        return engine.detector().detect(image).stream()
                .max(DatasetEmbedder.FaceChoice.CENTRE.order(image))
                .orElseThrow();
    }
}
