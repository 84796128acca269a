package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceChange;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.data.domain.Limit;

final class JpaFaceRepository implements FaceRepository {
    /** Faces per page when streaming; 500 faces of 512 floats are about 1 MB of embeddings. */
    static final int STREAM_PAGE_SIZE = 500;

    private final int pageSize;

    private final EntityManager entityManager;
    private final FaceRows faces;
    private final FaceChangeRows changes;
    private final ChangeLog changeLog;
    private final Transactions transactions;
    private final KeyRing keys;

    JpaFaceRepository(
            EntityManager entityManager,
            FaceRows faces,
            FaceChangeRows changes,
            ChangeLog changeLog,
            Transactions transactions,
            KeyRing keys,
            int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
        this.pageSize = pageSize;
        this.entityManager = requireNonNull(entityManager, "entityManager is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.changes = requireNonNull(changes, "changes is null");
        this.changeLog = requireNonNull(changeLog, "changeLog is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    public EnrolledFace add(EnrolledFace face, Runnable beforeCommit) {
        FaceEntity entity = EntityMapper.toEntity(requireNonNull(face, "face is null"), keys);
        requireNonNull(beforeCommit, "beforeCommit is null");
        try {
            transactions.write(() -> {
                changeLog.lock();
                PersonEntity person = entityManager.find(PersonEntity.class, face.personId());
                if (person == null) {
                    throw personGone(face.personId());
                }
                if (!person.galleryId().equals(face.galleryId())) {
                    throw new FaceException(
                            FaceErrorCode.CONFLICT,
                            "Person " + face.personId() + " belongs to another gallery than " + face.galleryId() + ".");
                }
                beforeCommit.run();
                entityManager.persist(entity);
                changeLog.append(FaceChange.Kind.ADDED, entity);
                entityManager.flush();
                return null;
            });
        } catch (RuntimeException e) {
            throw Constraints.translate(
                    e,
                    Map.of(
                            "faces_person_fk",
                            new Constraints.Rejection(
                                    FaceErrorCode.NOT_FOUND,
                                    personGone(face.personId()).getMessage()),
                            "faces_pk",
                            new Constraints.Rejection(
                                    FaceErrorCode.CONFLICT, "A face with id " + face.id() + " already exists.")));
        }
        return toFace(entity);
    }

    private static FaceException personGone(UUID personId) {
        return new FaceException(
                FaceErrorCode.NOT_FOUND, "Person " + personId + " does not exist (it may have just been deleted).");
    }

    @Override
    public Optional<EnrolledFace> find(UUID faceId) {
        requireNonNull(faceId, "faceId is null");
        return transactions.read(() -> faces.findById(faceId).map(this::toFace));
    }

    @Override
    public List<EnrolledFace> findByPerson(UUID personId) {
        requireNonNull(personId, "personId is null");
        return transactions.read(() -> faces.findByPersonIdOrderByCreatedAtAscIdAsc(personId).stream()
                .map(this::toFace)
                .toList());
    }

    @Override
    public Page<EnrolledFace> findByGallery(UUID galleryId, PageRequest request) {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(request, "request is null");
        return transactions.read(() -> {
            long total = faces.countByGalleryId(galleryId);
            List<EnrolledFace> items = total <= request.offset()
                    ? List.of()
                    : faces
                            .findByGalleryIdOrderByCreatedAtAscIdAsc(
                                    galleryId,
                                    org.springframework.data.domain.PageRequest.of(request.page(), request.size()))
                            .stream()
                            .map(this::toFace)
                            .toList();
            return new Page<>(items, request.page(), request.size(), total);
        });
    }

    @Override
    public Page<EnrolledFace> findByPerson(UUID personId, PageRequest request) {
        requireNonNull(personId, "personId is null");
        requireNonNull(request, "request is null");
        return transactions.read(() -> {
            long total = faces.countByPersonId(personId);
            // Past the end, the offset may not even fit the int the query takes.
            List<EnrolledFace> items = total <= request.offset()
                    ? List.of()
                    : faces
                            .findByPersonIdOrderByCreatedAtAscIdAsc(
                                    personId,
                                    org.springframework.data.domain.PageRequest.of(request.page(), request.size()))
                            .stream()
                            .map(this::toFace)
                            .toList();
            return new Page<>(items, request.page(), request.size(), total);
        });
    }

    @Override
    public Optional<EnrolledFace> delete(UUID faceId) {
        requireNonNull(faceId, "faceId is null");
        return transactions.write(() -> {
            changeLog.lock();
            FaceEntity entity = entityManager.find(FaceEntity.class, faceId);
            if (entity == null) {
                return Optional.empty();
            }
            entityManager.remove(entity);
            changeLog.append(FaceChange.Kind.REMOVED, entity);
            entityManager.flush();
            return Optional.of(toFace(entity));
        });
    }

    @Override
    public List<UUID> enrolledBefore(UUID galleryId, Instant before, int limit) {
        requireNonNull(galleryId, "galleryId is null");
        requireNonNull(before, "before is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return transactions.read(() -> faces.enrolledBefore(galleryId, before, Limit.of(limit)));
    }

    @Override
    public boolean isImageReferenced(String imageKey) {
        requireNonNull(imageKey, "imageKey is null");
        return transactions.read(() -> faces.existsByImageKey(imageKey));
    }

    /**
     * Read committed is enough: the lock waits for every transaction that held it to commit, and the existence check
     * is a statement after it, so it sees their faces; no face insert commits until this transaction has.
     */
    @Override
    public boolean deleteImageIfUnreferenced(String imageKey, Consumer<String> deleteImage) {
        requireNonNull(imageKey, "imageKey is null");
        requireNonNull(deleteImage, "deleteImage is null");
        return transactions.write(() -> {
            changeLog.lock();
            if (faces.existsByImageKey(imageKey)) {
                return false;
            }
            deleteImage.accept(imageKey);
            return true;
        });
    }

    /**
     * Reads the last sequence first, then the faces page by page (keyset on gallery and id, one short read each).
     * Writers commit in sequence order, so every change up to that sequence is already in the pages; changes made
     * while streaming may show up too, which is harmless because replaying the log from the returned sequence is
     * idempotent (adding a present face or removing an absent one changes nothing).
     */
    @Override
    public long forEachFace(String modelId, Consumer<EnrolledFace> consumer) {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(consumer, "consumer is null");
        long sequence = transactions.read(changes::lastSequence);
        List<EnrolledFace> page = transactions.read(
                () -> mapped(faces.findByModelIdOrderByGalleryIdAscIdAsc(modelId, Limit.of(pageSize))));
        while (!page.isEmpty()) {
            page.forEach(consumer);
            if (page.size() < pageSize) {
                break;
            }
            EnrolledFace last = page.getLast();
            page = transactions.read(
                    () -> mapped(faces.pageAfter(modelId, last.galleryId(), last.id(), Limit.of(pageSize))));
        }
        return sequence;
    }

    private EnrolledFace toFace(FaceEntity entity) {
        return EntityMapper.toFace(entity, keys);
    }

    private List<EnrolledFace> mapped(List<FaceEntity> entities) {
        return entities.stream().map(this::toFace).toList();
    }

    @Override
    public long lastChange() {
        return transactions.read(changes::lastSequence);
    }

    @Override
    public List<FaceChange> changesAfter(long after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return transactions.read(
                () -> changes.findBySequenceGreaterThanOrderBySequenceAsc(after, Limit.of(limit)).stream()
                        .map(FaceChangeEntity::toChange)
                        .toList());
    }
}
