package dev.facerec.core.migration;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where model migrations stand, kept in the database so a restarted replica goes on from there. */
public interface ModelMigrations {
    /** The latest migration started, if any. */
    Optional<MigrationProgress> latest();

    /** Inserts or updates the migration's row. */
    void save(MigrationProgress progress);

    /** Records (or replaces) why a face could not be re-embedded in this migration. */
    void recordFailure(UUID migrationId, UUID faceId, String reason);

    /** Forgets a face's failure once a later pass re-embedded it. */
    void clearFailure(UUID migrationId, UUID faceId);

    /** Up to {@code limit} failures of the migration, by face id. */
    List<MigrationFailure> failures(UUID migrationId, int limit);

    /** How many failures the migration has now. */
    long countFailures(UUID migrationId);
}
