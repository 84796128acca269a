package dev.facerec.persistence;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface FaceChangeRows extends JpaRepository<FaceChangeEntity, Long> {
    List<FaceChangeEntity> findBySequenceGreaterThanOrderBySequenceAsc(long after, Limit limit);

    @Query("select coalesce(max(c.sequence), 0) from FaceChangeEntity c")
    long lastSequence();
}
