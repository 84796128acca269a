package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.migration.MigrationFailure;
import dev.facerec.core.migration.MigrationProgress;
import dev.facerec.core.migration.ModelMigrations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ModelMigrations} over {@code model_migrations} and {@code model_migration_failures} (V11). */
final class JdbcModelMigrations implements ModelMigrations {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    JdbcModelMigrations(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Optional<MigrationProgress> latest() {
        return jdbc.sql("select * from model_migrations order by started_at desc, id desc limit 1")
                .query((row, number) -> progress(row))
                .optional();
    }

    @Override
    public void save(MigrationProgress progress) {
        requireNonNull(progress, "progress is null");
        transactions.executeWithoutResult(status -> {
            int updated = jdbc.sql("update model_migrations set state = :state, total = :total, done = :done,"
                            + " failed = :failed, updated_at = :updated, finished_at = :finished, error = :error"
                            + " where id = :id")
                    .paramSource(parameters(progress))
                    .update();
            if (updated == 0) {
                jdbc.sql("insert into model_migrations (id, source_model, target_model, state, total, done, failed,"
                                + " started_at, updated_at, finished_at, error) values (:id, :source, :target, :state,"
                                + " :total, :done, :failed, :started, :updated, :finished, :error)")
                        .paramSource(parameters(progress))
                        .update();
            }
        });
    }

    @Override
    public void recordFailure(UUID migrationId, UUID faceId, String reason) {
        requireNonNull(reason, "reason is null");
        transactions.executeWithoutResult(status -> {
            clearFailure(migrationId, faceId);
            jdbc.sql("insert into model_migration_failures (migration_id, face_id, reason, failed_at)"
                            + " values (:migration, :face, :reason, :at)")
                    .param("migration", requireNonNull(migrationId, "migrationId is null"))
                    .param("face", requireNonNull(faceId, "faceId is null"))
                    .param("reason", reason.length() > 200 ? reason.substring(0, 200) : reason)
                    .param("at", SqlTimes.of(clock.instant()))
                    .update();
        });
    }

    @Override
    public void clearFailure(UUID migrationId, UUID faceId) {
        jdbc.sql("delete from model_migration_failures where migration_id = :migration and face_id = :face")
                .param("migration", requireNonNull(migrationId, "migrationId is null"))
                .param("face", requireNonNull(faceId, "faceId is null"))
                .update();
    }

    @Override
    public List<MigrationFailure> failures(UUID migrationId, int limit) {
        return jdbc.sql("select face_id, reason from model_migration_failures where migration_id = :migration"
                        + " order by face_id limit :limit")
                .param("migration", requireNonNull(migrationId, "migrationId is null"))
                .param("limit", limit)
                .query((row, number) ->
                        new MigrationFailure(row.getObject("face_id", UUID.class), row.getString("reason")))
                .list();
    }

    @Override
    public long countFailures(UUID migrationId) {
        return jdbc.sql("select count(*) from model_migration_failures where migration_id = :migration")
                .param("migration", requireNonNull(migrationId, "migrationId is null"))
                .query(Long.class)
                .single();
    }

    private static MapSqlParameterSource parameters(MigrationProgress progress) {
        var source = new MapSqlParameterSource();
        source.addValue("id", progress.id());
        source.addValue("source", progress.sourceModel());
        source.addValue("target", progress.targetModel());
        source.addValue("state", progress.state().name());
        source.addValue("total", progress.total());
        source.addValue("done", progress.done());
        source.addValue("failed", progress.failed());
        source.addValue("started", SqlTimes.of(progress.startedAt()));
        source.addValue("updated", SqlTimes.of(progress.updatedAt()));
        source.addValue("finished", SqlTimes.of(progress.finishedAt()));
        source.addValue("error", progress.error());
        return source;
    }

    private static MigrationProgress progress(ResultSet row) throws SQLException {
        return new MigrationProgress(
                row.getObject("id", UUID.class),
                row.getString("source_model"),
                row.getString("target_model"),
                MigrationProgress.State.valueOf(row.getString("state")),
                row.getLong("total"),
                row.getLong("done"),
                row.getLong("failed"),
                SqlTimes.read(row, "started_at"),
                SqlTimes.read(row, "updated_at"),
                SqlTimes.read(row, "finished_at"),
                row.getString("error"));
    }
}
