package dev.facerec.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "persons")
class PersonEntity {
    @Id
    private UUID id;

    @Column(name = "gallery_id", nullable = false)
    private UUID galleryId;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "external_id", length = 200)
    private String externalId;

    @Column(name = "metadata", nullable = false, length = 16_384)
    private String metadata;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PersonEntity() {}

    PersonEntity(
            UUID id,
            UUID galleryId,
            String name,
            String externalId,
            String metadata,
            Instant createdAt,
            Instant updatedAt) {
        this.id = id;
        this.galleryId = galleryId;
        this.createdAt = createdAt;
        update(name, externalId, metadata, updatedAt);
    }

    final void update(String name, String externalId, String metadata, Instant updatedAt) {
        this.name = name;
        this.externalId = externalId;
        this.metadata = metadata;
        this.updatedAt = updatedAt;
    }

    UUID id() {
        return id;
    }

    UUID galleryId() {
        return galleryId;
    }

    String name() {
        return name;
    }

    String externalId() {
        return externalId;
    }

    String metadata() {
        return metadata;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
