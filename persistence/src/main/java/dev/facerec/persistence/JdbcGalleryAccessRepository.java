package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.gallery.GalleryAccessRepository;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Gallery access entries in plain SQL; a replacement is one transaction, so readers see the old or the new set. */
final class JdbcGalleryAccessRepository implements GalleryAccessRepository {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    JdbcGalleryAccessRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    @Override
    public Set<String> principals(UUID galleryId) {
        return new LinkedHashSet<>(
                jdbc.sql("select principal from gallery_access where gallery_id = ? order by principal")
                        .param(requireNonNull(galleryId, "galleryId is null"))
                        .query(String.class)
                        .list());
    }

    @Override
    public void replace(UUID galleryId, Set<String> principals) {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(principals, "principals is null");
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("delete from gallery_access where gallery_id = ?")
                        .param(galleryId)
                        .update();
                for (String principal : principals) {
                    jdbc.sql("insert into gallery_access (gallery_id, principal) values (?, ?)")
                            .params(galleryId, principal)
                            .update();
                }
            });
        } catch (DataIntegrityViolationException e) {
            throw new FaceException(FaceErrorCode.NOT_FOUND, "There is no gallery " + galleryId + ".");
        }
    }

    @Override
    public Set<UUID> restrictedGalleries() {
        return new LinkedHashSet<>(jdbc.sql("select distinct gallery_id from gallery_access")
                .query(UUID.class)
                .list());
    }
}
