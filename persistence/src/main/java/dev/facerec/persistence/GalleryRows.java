package dev.facerec.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface GalleryRows extends JpaRepository<GalleryEntity, UUID> {
    List<GalleryEntity> findAllByOrderByNameAscIdAsc();
}
