package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data set's embeddings saved by the evaluation commands, so that repeated evaluations of the decision (which only
 * rescore embeddings) do not embed 6000 photos again. Opt-in: {@code FACEREC_EVAL_CACHE} names a folder. A file is
 * named by a SHA-256 over the detector, the recognizer, the face choice and every image's path, size and modification
 * time, so a changed model, photo or list is a different file and is embedded afresh. The images are taken in their
 * sorted order, so two commands over the same images (eval-lfw's pairs-first list, eval-identify's sorted one) share a
 * file. A fused recognizer has no file of its own: its members' are composed ({@link DatasetEmbedder}). The figures the
 * evaluations print are the same with or without it: the file holds the pipeline's own float output, bit for bit.
 */
final class EmbeddingCache {
    private static final String ENVIRONMENT = "FACEREC_EVAL_CACHE";

    private final Path file;
    private final List<Path> images;
    private final String modelId;

    private EmbeddingCache(Path file, List<Path> images, String modelId) {
        this.file = file;
        this.images = images;
        this.modelId = modelId;
    }

    /** The folder {@code FACEREC_EVAL_CACHE} names, if any. */
    static Optional<Path> folderFromEnvironment() {
        String folder = System.getenv(ENVIRONMENT);
        return folder == null || folder.isBlank() ? Optional.empty() : Optional.of(Path.of(folder));
    }

    /** The file in {@code folder} for these images embedded by this detector, model and face choice. */
    static EmbeddingCache in(Path folder, List<Path> images, String detectorId, String modelId, String choice) {
        List<Path> sorted = images.stream().sorted().distinct().toList();
        String key = key(sorted, detectorId, modelId, choice);
        Path file = folder.resolve(modelId + "-" + choice.toLowerCase(java.util.Locale.ROOT) + "-" + key + ".emb");
        return new EmbeddingCache(file, sorted, modelId);
    }

    Optional<Map<Path, Optional<Embedding>>> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<Path, Optional<Embedding>> result = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            for (Path image : images) {
                int dimension = in.readInt();
                if (dimension == 0) {
                    result.put(image, Optional.empty());
                    continue;
                }
                float[] vector = new float[dimension];
                for (int i = 0; i < dimension; i++) {
                    vector[i] = in.readFloat();
                }
                result.put(image, Optional.of(Embedding.ofUnitVector(vector, modelId)));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("ignoring unreadable embedding cache " + file + ": " + e);
            return Optional.empty();
        }
        System.err.printf("read %d embeddings from %s (%s)%n", images.size(), file, ENVIRONMENT);
        return Optional.of(result);
    }

    void save(Map<Path, Optional<Embedding>> embeddings) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (DataOutputStream out =
                    new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(partial)))) {
                for (Path image : images) {
                    Optional<Embedding> embedding = embeddings.get(image);
                    if (embedding == null || embedding.isEmpty()) {
                        out.writeInt(0);
                        continue;
                    }
                    float[] vector = embedding.get().vector();
                    out.writeInt(vector.length);
                    for (float value : vector) {
                        out.writeFloat(value);
                    }
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the embedding cache " + file, e);
        }
    }

    private static String key(List<Path> images, String detectorId, String modelId, String choice) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, detectorId + "\n" + modelId + "\n" + choice + "\n");
            for (Path image : images) {
                update(
                        digest,
                        image.toAbsolutePath() + "\t" + Files.size(image) + "\t"
                                + Files.getLastModifiedTime(image).toMillis() + "\n");
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
