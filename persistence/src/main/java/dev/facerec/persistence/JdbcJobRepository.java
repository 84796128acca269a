package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.account.Role;
import dev.facerec.core.job.EnrollmentJob;
import dev.facerec.core.job.ItemOutcome;
import dev.facerec.core.job.JobItem;
import dev.facerec.core.job.JobRepository;
import dev.facerec.core.job.JobState;
import dev.facerec.core.job.ListedPhoto;
import dev.facerec.core.job.SourceKind;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Enrolment jobs in plain SQL; a claim is a conditional update, so only one replica gets a job. */
final class JdbcJobRepository implements JobRepository {
    private static final String COLUMNS = "id, gallery_id, owner, owner_role, state, source, source_key, total,"
            + " enrolled, refused, duplicate, created_at, started_at, finished_at, lease_owner, lease_until, failure";
    private static final String CLAIMABLE = "(state = 'QUEUED' or (state = 'RUNNING' and lease_until < ?))";
    private static final int CANDIDATES = 5;
    private static final int PHOTO_BATCH = 500;

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    JdbcJobRepository(JdbcTemplate template, TransactionTemplate transactions) {
        this.template = requireNonNull(template, "template is null");
        this.jdbc = JdbcClient.create(template);
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    /** The job's row, then its photos in batches, in one transaction. */
    @Override
    public EnrollmentJob create(EnrollmentJob job, List<ListedPhoto> photos) {
        requireNonNull(job, "job is null");
        requireNonNull(photos, "photos is null");
        transactions.executeWithoutResult(status -> {
            insert(job);
            for (int from = 0; from < photos.size(); from += PHOTO_BATCH) {
                List<Object[]> rows = new ArrayList<>();
                for (int i = from; i < Math.min(from + PHOTO_BATCH, photos.size()); i++) {
                    ListedPhoto photo = photos.get(i);
                    rows.add(new Object[] {
                        job.id(), i, photo.path(), photo.personName(), photo.externalId(), photo.size(), photo.etag()
                    });
                }
                template.batchUpdate(
                        "insert into enrollment_job_photos (job_id, ordinal, path, person_name, external_id,"
                                + " object_size, etag) values (?, ?, ?, ?, ?, ?, ?)",
                        rows);
            }
        });
        return job;
    }

    @Override
    public List<ListedPhoto> listedPhotos(UUID jobId) {
        return jdbc.sql("select path, person_name, external_id, object_size, etag from enrollment_job_photos"
                        + " where job_id = ? order by ordinal")
                .param(requireNonNull(jobId, "jobId is null"))
                .query((row, number) -> new ListedPhoto(
                        row.getString("path"),
                        row.getString("person_name"),
                        row.getString("external_id"),
                        row.getLong("object_size"),
                        row.getString("etag")))
                .list();
    }

    private void insert(EnrollmentJob job) {
        jdbc.sql("insert into enrollment_jobs (" + COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        job.id(),
                        job.galleryId(),
                        job.owner(),
                        job.ownerRole() == null ? null : job.ownerRole().name(),
                        job.state().name(),
                        job.source().name(),
                        job.sourceKey(),
                        job.total(),
                        job.enrolled(),
                        job.refused(),
                        job.duplicate(),
                        SqlTimes.of(job.createdAt()),
                        SqlTimes.of(job.startedAt()),
                        SqlTimes.of(job.finishedAt()),
                        job.leaseOwner(),
                        SqlTimes.of(job.leaseUntil()),
                        job.failure())
                .update();
    }

    @Override
    public Optional<EnrollmentJob> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from enrollment_jobs where id = ?")
                .param(requireNonNull(id, "id is null"))
                .query(JdbcJobRepository::job)
                .optional();
    }

    @Override
    public Optional<EnrollmentJob> claim(String leaseOwner, Instant now, Instant leaseUntil) {
        requireNonNull(leaseOwner, "leaseOwner is null");
        List<UUID> candidates = jdbc.sql(
                        "select id from enrollment_jobs where " + CLAIMABLE + " order by created_at, id limit ?")
                .params(SqlTimes.of(now), CANDIDATES)
                .query(UUID.class)
                .list();
        for (UUID id : candidates) {
            int claimed = jdbc.sql("update enrollment_jobs set state = 'RUNNING', lease_owner = ?, lease_until = ?,"
                            + " started_at = coalesce(started_at, ?) where id = ? and " + CLAIMABLE)
                    .params(leaseOwner, SqlTimes.of(leaseUntil), SqlTimes.of(now), id, SqlTimes.of(now))
                    .update();
            if (claimed == 1) {
                return find(id);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean renew(UUID jobId, String leaseOwner, Instant leaseUntil) {
        return jdbc.sql("update enrollment_jobs set lease_until = ? where id = ? and state = 'RUNNING'"
                                + " and lease_owner = ?")
                        .params(SqlTimes.of(leaseUntil), jobId, leaseOwner)
                        .update()
                == 1;
    }

    @Override
    public boolean record(JobItem item) {
        requireNonNull(item, "item is null");
        String counter = switch (item.outcome()) {
            case ENROLLED -> "enrolled";
            case REFUSED -> "refused";
            case DUPLICATE -> "duplicate";
        };
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("insert into enrollment_job_items (job_id, path, outcome, person_id, face_id, code, reason,"
                                + " processed_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                item.jobId(),
                                item.path(),
                                item.outcome().name(),
                                item.personId(),
                                item.faceId(),
                                item.code(),
                                item.reason(),
                                SqlTimes.of(item.processedAt()))
                        .update();
                jdbc.sql("update enrollment_jobs set " + counter + " = " + counter + " + 1 where id = ?")
                        .param(item.jobId())
                        .update();
            });
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public Set<String> recordedPaths(UUID jobId) {
        return new HashSet<>(jdbc.sql("select path from enrollment_job_items where job_id = ?")
                .param(requireNonNull(jobId, "jobId is null"))
                .query(String.class)
                .list());
    }

    @Override
    public boolean recordsFace(UUID jobId, UUID faceId) {
        return jdbc.sql("select count(*) from enrollment_job_items where job_id = ? and face_id = ?")
                        .params(jobId, faceId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public Page<JobItem> items(UUID jobId, PageRequest request) {
        requireNonNull(request, "request is null");
        long total = jdbc.sql("select count(*) from enrollment_job_items where job_id = ?")
                .param(requireNonNull(jobId, "jobId is null"))
                .query(Long.class)
                .single();
        List<JobItem> items = total <= request.offset()
                ? List.of()
                : jdbc.sql("select job_id, path, outcome, person_id, face_id, code, reason, processed_at"
                                + " from enrollment_job_items where job_id = ? order by sequence limit ? offset ?")
                        .params(jobId, request.size(), request.offset())
                        .query(JdbcJobRepository::item)
                        .list();
        return new Page<>(items, request.page(), request.size(), total);
    }

    @Override
    public boolean finish(UUID jobId, String leaseOwner, JobState state, String failure, Instant now) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("a job finishes in a final state, not " + state);
        }
        return jdbc.sql("update enrollment_jobs set state = ?, failure = ?, finished_at = ?, lease_owner = null,"
                                + " lease_until = null where id = ? and state = 'RUNNING' and lease_owner = ?")
                        .params(state.name(), truncate(failure), SqlTimes.of(now), jobId, leaseOwner)
                        .update()
                == 1;
    }

    @Override
    public boolean cancel(UUID jobId, Instant now) {
        return jdbc.sql("update enrollment_jobs set state = 'CANCELLED', finished_at = ?, lease_owner = null,"
                                + " lease_until = null where id = ? and state in ('QUEUED', 'RUNNING')")
                        .params(SqlTimes.of(now), jobId)
                        .update()
                == 1;
    }

    private static String truncate(String failure) {
        return failure == null || failure.length() <= 1000 ? failure : failure.substring(0, 1000);
    }

    private static EnrollmentJob job(ResultSet row, int number) throws SQLException {
        String role = row.getString("owner_role");
        return new EnrollmentJob(
                row.getObject("id", UUID.class),
                row.getObject("gallery_id", UUID.class),
                row.getString("owner"),
                role == null ? null : Role.valueOf(role),
                JobState.valueOf(row.getString("state")),
                SourceKind.valueOf(row.getString("source")),
                row.getString("source_key"),
                row.getInt("total"),
                row.getInt("enrolled"),
                row.getInt("refused"),
                row.getInt("duplicate"),
                SqlTimes.read(row, "created_at"),
                SqlTimes.read(row, "started_at"),
                SqlTimes.read(row, "finished_at"),
                row.getString("lease_owner"),
                SqlTimes.read(row, "lease_until"),
                row.getString("failure"));
    }

    private static JobItem item(ResultSet row, int number) throws SQLException {
        return new JobItem(
                row.getObject("job_id", UUID.class),
                row.getString("path"),
                ItemOutcome.valueOf(row.getString("outcome")),
                row.getObject("person_id", UUID.class),
                row.getObject("face_id", UUID.class),
                row.getString("code"),
                row.getString("reason"),
                SqlTimes.read(row, "processed_at"));
    }
}
