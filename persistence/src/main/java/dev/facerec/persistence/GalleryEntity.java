package dev.facerec.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "galleries")
class GalleryEntity {
    @Id
    private UUID id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retention_days")
    private Integer retentionDays;

    protected GalleryEntity() {}

    GalleryEntity(UUID id, String name, Instant createdAt, Integer retentionDays) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
        this.retentionDays = retentionDays;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    Instant createdAt() {
        return createdAt;
    }

    Integer retentionDays() {
        return retentionDays;
    }

    void retentionDays(Integer retentionDays) {
        this.retentionDays = retentionDays;
    }
}
