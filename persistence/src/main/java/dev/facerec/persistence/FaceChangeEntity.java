package dev.facerec.persistence;

import dev.facerec.core.person.FaceChange;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the change log; written only by {@link ChangeLog}, which serialises writers. */
@Entity
@Table(name = "face_changes")
class FaceChangeEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "sequence")
    private Long sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private FaceChange.Kind kind;

    @Column(name = "gallery_id", nullable = false)
    private UUID galleryId;

    @Column(name = "person_id", nullable = false)
    private UUID personId;

    @Column(name = "face_id", nullable = false)
    private UUID faceId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected FaceChangeEntity() {}

    FaceChangeEntity(FaceChange.Kind kind, UUID galleryId, UUID personId, UUID faceId, Instant createdAt) {
        this.kind = kind;
        this.galleryId = galleryId;
        this.personId = personId;
        this.faceId = faceId;
        this.createdAt = createdAt;
    }

    FaceChange toChange() {
        return new FaceChange(sequence, kind, galleryId, personId, faceId);
    }
}
