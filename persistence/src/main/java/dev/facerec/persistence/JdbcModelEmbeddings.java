package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.migration.MigrationSource;
import dev.facerec.core.migration.ModelEmbeddings;
import dev.facerec.core.person.EnrolledFace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link ModelEmbeddings} over {@code face_embeddings} (V11) in plain SQL. Embeddings are sealed exactly as the
 * {@code faces.embedding} column is (same envelope, same face-and-model context), so an envelope can move between the
 * two columns unchanged.
 */
final class JdbcModelEmbeddings implements ModelEmbeddings {
    // Smaller than any random (version 4) id in both databases' unsigned byte order: "from the start".
    private static final UUID FIRST = new UUID(0, 0);
    private static final int PAGE = 500;
    private static final String WITHOUT = " from faces f where f.model_id <> :model and not exists"
            + " (select 1 from face_embeddings e where e.face_id = f.id and e.model_id = :model)";
    private static final String FACE_COLUMNS = "f.id, f.person_id, f.gallery_id, f.image_key, f.image_sha256,"
            + " f.box_x, f.box_y, f.box_width, f.box_height, f.landmarks, f.detection_score, f.quality, f.created_at";

    private static final String SWAPPABLE = " where f.model_id <> :model and exists"
            + " (select 1 from face_embeddings e where e.face_id = f.id and e.model_id = :model)";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KeyRing keys;
    private final Clock clock;

    JdbcModelEmbeddings(JdbcClient jdbc, TransactionTemplate transactions, KeyRing keys, Clock clock) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public long countWithout(String modelId) {
        requireNonNull(modelId, "modelId is null");
        return jdbc.sql("select count(*)" + WITHOUT)
                .param("model", modelId)
                .query(Long.class)
                .single();
    }

    @Override
    public long countFaces() {
        return jdbc.sql("select count(*) from faces").query(Long.class).single();
    }

    @Override
    public List<MigrationSource> facesWithout(String modelId, UUID after, int limit) {
        requireNonNull(modelId, "modelId is null");
        return jdbc.sql("select " + FACE_COLUMNS + WITHOUT + " and f.id > :after order by f.id limit :limit")
                .param("model", modelId)
                .param("after", after == null ? FIRST : after)
                .param("limit", limit)
                .query((row, number) ->
                        new MigrationSource(row.getObject("id", UUID.class), row.getString("image_key"), detected(row)))
                .list();
    }

    /**
     * Replaces any stored one, in one transaction; the insert selects the face row, so nothing is written for a face
     * erased meanwhile, and an erasure that commits after it cascades to it.
     */
    @Override
    public boolean store(UUID faceId, Embedding embedding) {
        requireNonNull(faceId, "faceId is null");
        requireNonNull(embedding, "embedding is null");
        byte[] sealed = keys.seal(
                FloatBytes.encode(embedding.vector()), EntityMapper.embeddingContext(faceId, embedding.modelId()));
        Integer stored = transactions.execute(status -> {
            jdbc.sql("delete from face_embeddings where face_id = :face and model_id = :model")
                    .param("face", faceId)
                    .param("model", embedding.modelId())
                    .update();
            return jdbc.sql("insert into face_embeddings (face_id, model_id, embedding, key_id, created_at)"
                            + " select id, :model, :embedding, :key, :at from faces where id = :face")
                    .param("face", faceId)
                    .param("model", embedding.modelId())
                    .param("embedding", sealed)
                    .param("key", keys.currentKeyId())
                    .param("at", SqlTimes.of(clock.instant()))
                    .update();
        });
        return stored != null && stored == 1;
    }

    @Override
    public Optional<Embedding> find(UUID faceId, String modelId) {
        requireNonNull(faceId, "faceId is null");
        requireNonNull(modelId, "modelId is null");
        return jdbc.sql("select f.embedding from faces f where f.id = :face and f.model_id = :model"
                        + " union all select e.embedding from face_embeddings e"
                        + " where e.face_id = :face and e.model_id = :model")
                .param("face", faceId)
                .param("model", modelId)
                .query((row, number) -> open(faceId, modelId, row.getBytes(1)))
                .optional();
    }

    @Override
    public long forEachFace(String modelId, Consumer<EnrolledFace> consumer) {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(consumer, "consumer is null");
        long count = 0;
        UUID after = FIRST;
        List<EnrolledFace> page;
        do {
            page = jdbc.sql("select " + FACE_COLUMNS + ", coalesce(e.embedding, f.embedding) as sealed from faces f"
                            + " left join face_embeddings e on e.face_id = f.id and e.model_id = :model"
                            + " where (f.model_id = :model or e.face_id is not null) and f.id > :after"
                            + " order by f.id limit :limit")
                    .param("model", modelId)
                    .param("after", after)
                    .param("limit", PAGE)
                    .query((row, number) -> enrolled(row, modelId))
                    .list();
            page.forEach(consumer);
            count += page.size();
            if (!page.isEmpty()) {
                after = page.getLast().id();
            }
        } while (page.size() == PAGE);
        return count;
    }

    /**
     * Under the face write lock (the one row of {@code face_change_lock}, as every face write takes it), so no face
     * is enrolled or erased half-way; the step runs in the same transaction (the ports of this database share the JPA
     * transaction manager, so its writes join it). A stored row under a face's own model cannot exist (the pass never
     * writes one, and this swap deletes it as it moves), so each face's own embedding moves to the row of its own
     * model id.
     */
    @Override
    public long swap(String modelId, Runnable underLock) {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(underLock, "underLock is null");
        Integer swapped = transactions.execute(status -> {
            jdbc.sql("select id from face_change_lock where id = 1 for update")
                    .query()
                    .listOfRows();
            underLock.run();
            jdbc.sql("insert into face_embeddings (face_id, model_id, embedding, key_id, created_at)"
                            + " select f.id, f.model_id, f.embedding, f.embedding_key_id, :at from faces f"
                            + SWAPPABLE)
                    .param("model", modelId)
                    .param("at", SqlTimes.of(clock.instant()))
                    .update();
            int moved = jdbc.sql("update faces f set"
                            + " embedding = (select e.embedding from face_embeddings e"
                            + " where e.face_id = f.id and e.model_id = :model),"
                            + " embedding_key_id = (select e.key_id from face_embeddings e"
                            + " where e.face_id = f.id and e.model_id = :model),"
                            + " model_id = :model"
                            + SWAPPABLE)
                    .param("model", modelId)
                    .update();
            jdbc.sql("delete from face_embeddings where model_id = :model")
                    .param("model", modelId)
                    .update();
            return moved;
        });
        return swapped == null ? 0 : swapped;
    }

    @Override
    public long drop(String modelId) {
        requireNonNull(modelId, "modelId is null");
        return jdbc.sql("delete from face_embeddings where model_id = :model")
                .param("model", modelId)
                .update();
    }

    private EnrolledFace enrolled(ResultSet row, String modelId) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        return new EnrolledFace(
                id,
                row.getObject("person_id", UUID.class),
                row.getObject("gallery_id", UUID.class),
                row.getString("image_key"),
                row.getString("image_sha256"),
                detected(row),
                row.getFloat("quality"),
                open(id, modelId, row.getBytes("sealed")),
                SqlTimes.read(row, "created_at"));
    }

    private Embedding open(UUID faceId, String modelId, byte[] sealed) {
        return Embedding.ofUnitVector(
                FloatBytes.decode(keys.open(sealed, EntityMapper.embeddingContext(faceId, modelId))), modelId);
    }

    private static DetectedFace detected(ResultSet row) throws SQLException {
        float[] box = {
            row.getFloat("box_x"), row.getFloat("box_y"), row.getFloat("box_width"), row.getFloat("box_height")
        };
        return EntityMapper.detected(box, row.getBytes("landmarks"), row.getFloat("detection_score"));
    }
}
