package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.Thresholds;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code make eval-identify DATA=<dir>}: 1:N identification through the product's pipeline and gallery index on a
 * folder of {@code images/<person>/<image>}. The first image (by name) of every person with at least two images is
 * enrolled; their other images are queries that should find them (rank-1 identification rate, and the share found
 * at the decision threshold); every image of the people with a single image is a query from someone not enrolled,
 * which should come back unknown (false-positive identification rate at the threshold). The threshold is the
 * service's default for the gallery's size ({@code --threshold} overrides it); the calibrated operating points are
 * printed too.
 */
public final class IdentificationEvaluation {
    private IdentificationEvaluation() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LfwEvaluation.parse(args);
        Path data = Path.of(LfwEvaluation.required(options, "data"));
        MlConfig config = MlConfig.defaults(Path.of(LfwEvaluation.required(options, "models")))
                .withRecognizerPack(options.getOrDefault("recognizer", MlConfig.DEFAULT_RECOGNIZER));
        Map<String, List<Path>> people = people(data.resolve("images"));
        try (FaceEngine engine = FaceEngine.start(config);
                InMemoryGalleryIndex index = new InMemoryGalleryIndex(IndexConfig.defaults())) {
            List<Path> all = people.values().stream().flatMap(List::stream).toList();
            Map<Path, Optional<Embedding>> embeddings =
                    new DatasetEmbedder(engine, 2, DatasetEmbedder.FaceChoice.CENTRE).embed(all);
            UUID gallery = UUID.randomUUID();
            Map<UUID, String> personNames = new TreeMap<>();
            List<Query> queries = new ArrayList<>();
            for (Map.Entry<String, List<Path>> person : people.entrySet()) {
                List<Path> images = person.getValue();
                if (images.size() < 2) {
                    queries.add(new Query(null, embeddings.get(images.getFirst())));
                    continue;
                }
                UUID id = UUID.nameUUIDFromBytes(person.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Optional<Embedding> enrolled = embeddings.get(images.getFirst());
                if (enrolled.isEmpty()) {
                    continue;
                }
                personNames.put(id, person.getKey());
                index.add(gallery, id, UUID.randomUUID(), enrolled.get());
                for (Path image : images.subList(1, images.size())) {
                    queries.add(new Query(id, embeddings.get(image)));
                }
            }
            // The service's default: the threshold for a 1% false-positive identification rate at this gallery size.
            float threshold = options.containsKey("threshold")
                    ? Float.parseFloat(options.get("threshold"))
                    : engine.embedder()
                            .model()
                            .thresholds()
                            .forIdentification(
                                    index.size(
                                            gallery, engine.embedder().model().id()),
                                    0.01);
            Thresholds calibrated = engine.embedder().model().thresholds();
            for (float other : new float[] {calibrated.standard(), calibrated.strict(), calibrated.fmr1e5()}) {
                if (other != threshold) {
                    Tally tally = Tally.of(index, gallery, queries, other);
                    System.out.printf(
                            Locale.ROOT,
                            "  at threshold %.4f: tpir=%.4f fpir=%.4f%n",
                            other,
                            tally.foundAtThreshold / (double) tally.mated,
                            tally.falsePositives / (double) tally.nonMated);
                }
            }
            print(Tally.of(index, gallery, queries, threshold), personNames.size(), threshold, engine);
        }
    }

    private static void print(Tally tally, int enrolled, float threshold, FaceEngine engine) {
        System.out.printf(
                Locale.ROOT,
                "model=%s enrolled=%d mated_queries=%d non_mated_queries=%d no_face=%d%n",
                engine.embedder().model().id(),
                enrolled,
                tally.mated,
                tally.nonMated,
                tally.noFace);
        System.out.printf(
                Locale.ROOT,
                "identify: rank1=%.4f tpir_at_threshold=%.4f fpir=%.4f threshold=%.4f%n",
                tally.rank1 / (double) tally.mated,
                tally.foundAtThreshold / (double) tally.mated,
                tally.falsePositives / (double) tally.nonMated,
                threshold);
    }

    private static Map<String, List<Path>> people(Path images) throws java.io.IOException {
        Map<String, List<Path>> people = new TreeMap<>();
        try (Stream<Path> files = Files.walk(images)) {
            files.filter(Files::isRegularFile)
                    .sorted()
                    .forEach(file -> people.computeIfAbsent(
                                    file.getParent().getFileName().toString(), name -> new ArrayList<>())
                            .add(file));
        }
        return people;
    }

    /** A query image; {@code person} is null for someone who was never enrolled. */
    private record Query(UUID person, Optional<Embedding> embedding) {}

    /** Counts over all queries. */
    private static final class Tally {
        int mated;
        int nonMated;
        int noFace;
        int rank1;
        int foundAtThreshold;
        int falsePositives;

        static Tally of(GalleryIndex index, UUID gallery, List<Query> queries, float threshold) {
            Tally tally = new Tally();
            for (Query query : queries) {
                if (query.embedding().isEmpty()) {
                    tally.noFace++;
                    continue;
                }
                List<GalleryIndex.Candidate> best =
                        index.search(gallery, query.embedding().get(), 1);
                boolean above = !best.isEmpty() && best.getFirst().similarity() >= threshold;
                if (query.person() == null) {
                    tally.nonMated++;
                    tally.falsePositives += above ? 1 : 0;
                } else {
                    tally.mated++;
                    boolean right =
                            !best.isEmpty() && best.getFirst().personId().equals(query.person());
                    tally.rank1 += right ? 1 : 0;
                    tally.foundAtThreshold += right && above ? 1 : 0;
                }
            }
            return tally;
        }
    }
}
