package dev.facerec.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface FaceRows extends JpaRepository<FaceEntity, UUID> {
    List<FaceEntity> findByPersonIdOrderByCreatedAtAscIdAsc(UUID personId);

    boolean existsByImageKey(String imageKey);

    List<FaceEntity> findByModelIdOrderByGalleryIdAscIdAsc(String modelId, Limit limit);

    /** The next page after (galleryId, id), in the order of the first page: keyset pagination, no offset scans. */
    @Query("""
            select f from FaceEntity f
            where f.modelId = :modelId
              and (f.galleryId > :galleryId or (f.galleryId = :galleryId and f.id > :id))
            order by f.galleryId, f.id""")
    List<FaceEntity> pageAfter(String modelId, UUID galleryId, UUID id, Limit limit);
}
