package dev.facerec.core.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Migrations in memory for the migration tests: what was saved, in order, and the failures recorded. */
final class InMemoryModelMigrations implements ModelMigrations {
    final List<MigrationProgress> saved = new ArrayList<>();
    final Map<UUID, String> failures = new LinkedHashMap<>();

    @Override
    public Optional<MigrationProgress> latest() {
        return saved.isEmpty() ? Optional.empty() : Optional.of(saved.getLast());
    }

    @Override
    public void save(MigrationProgress progress) {
        saved.removeIf(p -> p.id().equals(progress.id()));
        saved.add(progress);
    }

    @Override
    public void recordFailure(UUID migrationId, UUID faceId, String reason) {
        failures.put(faceId, reason);
    }

    @Override
    public void clearFailure(UUID migrationId, UUID faceId) {
        failures.remove(faceId);
    }

    @Override
    public List<MigrationFailure> failures(UUID migrationId, int limit) {
        return failures.entrySet().stream()
                .limit(limit)
                .map(failure -> new MigrationFailure(failure.getKey(), failure.getValue()))
                .toList();
    }

    @Override
    public long countFailures(UUID migrationId) {
        return failures.size();
    }
}
