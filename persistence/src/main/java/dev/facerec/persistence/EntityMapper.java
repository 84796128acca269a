package dev.facerec.persistence;

import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.Point;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Person;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Translates between the core records and the entities, which never leave this package. */
final class EntityMapper {
    private EntityMapper() {}

    /**
     * Both databases keep microseconds; truncating before saving makes what a write returns equal what a later
     * read returns.
     */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static GalleryEntity toEntity(Gallery gallery) {
        return new GalleryEntity(gallery.id(), gallery.name(), stored(gallery.createdAt()), gallery.retentionDays());
    }

    static Gallery toGallery(GalleryEntity entity) {
        return new Gallery(entity.id(), entity.name(), entity.createdAt(), entity.retentionDays());
    }

    static PersonEntity toEntity(Person person) {
        return new PersonEntity(
                person.id(),
                person.galleryId(),
                person.name(),
                person.externalId(),
                person.metadata(),
                stored(person.createdAt()),
                stored(person.updatedAt()));
    }

    static Person toPerson(PersonEntity entity) {
        return new Person(
                entity.id(),
                entity.galleryId(),
                entity.name(),
                entity.externalId(),
                entity.metadata(),
                entity.createdAt(),
                entity.updatedAt());
    }

    /**
     * What an embedding's envelope is bound to: its face and model. An embedding copied into another row (to make one
     * person match as another) or relabelled with another model fails to open.
     */
    static String embeddingContext(UUID faceId, String modelId) {
        return "facerec/embedding/v1|" + faceId + "|" + modelId;
    }

    /** The embedding is sealed under the ring's current key; no other column holds biometric data. */
    static FaceEntity toEntity(EnrolledFace face, KeyRing keys) {
        BoundingBox box = face.face().box();
        float[] landmarks = new float[DetectedFace.LANDMARK_COUNT * 2];
        for (int i = 0; i < DetectedFace.LANDMARK_COUNT; i++) {
            landmarks[2 * i] = face.face().landmarks().get(i).x();
            landmarks[2 * i + 1] = face.face().landmarks().get(i).y();
        }
        return new FaceEntity(
                face.id(),
                face.personId(),
                face.galleryId(),
                face.imageKey(),
                face.imageSha256(),
                new float[] {box.x(), box.y(), box.width(), box.height()},
                FloatBytes.encode(landmarks),
                face.face().score(),
                face.quality(),
                face.modelId(),
                keys.seal(FloatBytes.encode(face.embedding().vector()), embeddingContext(face.id(), face.modelId())),
                keys.currentKeyId(),
                stored(face.createdAt()));
    }

    /** Opens the embedding with whichever key of the ring sealed it (legacy plaintext rows read as they are). */
    static EnrolledFace toFace(FaceEntity entity, KeyRing keys) {
        DetectedFace detected = detected(entity.box(), entity.landmarks(), entity.detectionScore());
        return new EnrolledFace(
                entity.id(),
                entity.personId(),
                entity.galleryId(),
                entity.imageKey(),
                entity.imageSha256(),
                detected,
                entity.quality(),
                Embedding.ofUnitVector(
                        FloatBytes.decode(
                                keys.open(entity.embedding(), embeddingContext(entity.id(), entity.modelId()))),
                        entity.modelId()),
                entity.createdAt());
    }

    /** The stored face box, landmarks (ten little-endian float32) and detection score as a detected face. */
    static DetectedFace detected(float[] box, byte[] storedLandmarks, float score) {
        float[] coordinates = FloatBytes.decode(storedLandmarks);
        List<Point> landmarks = new ArrayList<>(DetectedFace.LANDMARK_COUNT);
        for (int i = 0; i + 1 < coordinates.length; i += 2) {
            landmarks.add(new Point(coordinates[i], coordinates[i + 1]));
        }
        return new DetectedFace(new BoundingBox(box[0], box[1], box[2], box[3]), landmarks, score);
    }
}
