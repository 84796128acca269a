package dev.facerec.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.face.Embedding;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A small LFW fold through the product's pipeline: every fifth pair of fold 1 (120 pairs), decided at the default
 * pack's shipped standard threshold. The full five folds are {@code make eval-lfw}.
 */
class LfwFoldIT {
    @Test
    void theShippedThresholdSeparatesASampleOfFoldOne() throws Exception {
        // The build points tests at ../shared (facerec.data.dir, facerec.models.dir: surefire and failsafe).
        Path data = Path.of(System.getProperty("facerec.data.dir"), "lfw-dev");
        List<String[]> rows = Files.readAllLines(data.resolve("pairs.csv")).stream()
                .skip(1)
                .map(line -> line.split(","))
                .filter(row -> row[0].equals("1"))
                .toList();
        List<String[]> sample = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += 5) {
            sample.add(rows.get(i));
        }
        LinkedHashSet<Path> images = new LinkedHashSet<>();
        sample.forEach(row -> {
            images.add(data.resolve(row[2]));
            images.add(data.resolve(row[3]));
        });
        int correct = 0;
        int same = 0;
        try (FaceEngine engine =
                FaceEngine.start(MlConfig.defaults(Path.of(System.getProperty("facerec.models.dir"))))) {
            Map<Path, Optional<Embedding>> embeddings =
                    new DatasetEmbedder(engine, 2, DatasetEmbedder.FaceChoice.CENTRE).embed(List.copyOf(images));
            float threshold = engine.embedder().model().thresholds().standard();
            for (String[] row : sample) {
                Embedding left = embeddings.get(data.resolve(row[2])).orElseThrow();
                Embedding right = embeddings.get(data.resolve(row[3])).orElseThrow();
                boolean isSame = row[1].equals("1");
                same += isSame ? 1 : 0;
                if ((left.similarity(right) >= threshold) == isSame) {
                    correct++;
                }
            }
        }
        assertThat(sample).hasSize(120);
        assertThat(same).isBetween(40, 80);
        assertThat(correct / (double) sample.size()).isGreaterThanOrEqualTo(0.97);
    }
}
