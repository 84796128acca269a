package dev.facerec.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface FaceRows extends JpaRepository<FaceEntity, UUID> {
    List<FaceEntity> findByPersonIdOrderByCreatedAtAscIdAsc(UUID personId);

    List<FaceEntity> findByPersonIdOrderByCreatedAtAscIdAsc(UUID personId, Pageable page);

    long countByPersonId(UUID personId);

    /** Served by faces_gallery_created_idx, like the retention sweep's query. */
    List<FaceEntity> findByGalleryIdOrderByCreatedAtAscIdAsc(UUID galleryId, Pageable page);

    long countByGalleryId(UUID galleryId);

    boolean existsByImageKey(String imageKey);

    /** The retention sweep's query, served by faces_gallery_created_idx. */
    @Query("""
            select f.id from FaceEntity f
            where f.galleryId = :galleryId and f.createdAt < :before
            order by f.createdAt, f.id""")
    List<UUID> enrolledBefore(UUID galleryId, Instant before, Limit limit);

    List<FaceEntity> findByModelIdOrderByGalleryIdAscIdAsc(String modelId, Limit limit);

    /** The next page after (galleryId, id), in the order of the first page: keyset pagination, no offset scans. */
    @Query("""
            select f from FaceEntity f
            where f.modelId = :modelId
              and (f.galleryId > :galleryId or (f.galleryId = :galleryId and f.id > :id))
            order by f.galleryId, f.id""")
    List<FaceEntity> pageAfter(String modelId, UUID galleryId, UUID id, Limit limit);

    // Key rotation: a null key id is legacy plaintext, which is "not under" any key.

    @Query("select count(f) from FaceEntity f where f.embeddingKeyId is null or f.embeddingKeyId <> :keyId")
    long countEmbeddingsNotUnder(String keyId);

    @Query("""
            select f.id from FaceEntity f
            where (f.embeddingKeyId is null or f.embeddingKeyId <> :keyId) and f.id > :after
            order by f.id""")
    List<UUID> embeddingsNotUnder(String keyId, UUID after, Limit limit);

    @Query("""
            select count(distinct f.imageKey) from FaceEntity f
            where f.imageKeyId is null or f.imageKeyId <> :keyId""")
    long countImagesNotUnder(String keyId);

    @Query("""
            select distinct f.imageKey from FaceEntity f
            where (f.imageKeyId is null or f.imageKeyId <> :keyId) and f.imageKey > :after
            order by f.imageKey""")
    List<String> imagesNotUnder(String keyId, String after, Limit limit);

    @Modifying
    @Query("update FaceEntity f set f.imageKey = :newKey, f.imageKeyId = :keyId where f.imageKey = :oldKey")
    int replaceImage(String oldKey, String newKey, String keyId);
}
