package dev.facerec.core.migration;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.person.EnrolledFace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Stored embeddings in memory for the migration tests: {@link #pending} faces lack the target embedding until one is
 * stored for them, and {@link #without} adds faces that lack it without a source to re-embed them from.
 */
final class InMemoryModelEmbeddings implements ModelEmbeddings {
    long without;
    final List<MigrationSource> pending = new ArrayList<>();
    final Map<UUID, Embedding> stored = new LinkedHashMap<>();
    final List<String> swaps = new ArrayList<>();
    final List<String> drops = new ArrayList<>();

    @Override
    public long countWithout(String modelId) {
        return without + pending.size();
    }

    @Override
    public long countFaces() {
        return 10;
    }

    @Override
    public List<MigrationSource> facesWithout(String modelId, UUID after, int limit) {
        return pending.stream()
                .sorted(Comparator.comparing(MigrationSource::faceId))
                .filter(source -> after == null || source.faceId().compareTo(after) > 0)
                .limit(limit)
                .toList();
    }

    @Override
    public boolean store(UUID faceId, Embedding embedding) {
        pending.removeIf(source -> source.faceId().equals(faceId));
        stored.put(faceId, embedding);
        return true;
    }

    @Override
    public Optional<Embedding> find(UUID faceId, String modelId) {
        return Optional.ofNullable(stored.get(faceId));
    }

    @Override
    public long forEachFace(String modelId, Consumer<EnrolledFace> consumer) {
        return 0;
    }

    @Override
    public long swap(String modelId, Runnable underLock) {
        underLock.run();
        swaps.add(modelId);
        return 1;
    }

    @Override
    public long drop(String modelId) {
        drops.add(modelId);
        return 7;
    }
}
