package dev.facerec.api.rest.gallery;

import dev.facerec.api.app.cache.CacheConfiguration;
import dev.facerec.api.app.gallery.GalleryConfiguration;
import dev.facerec.api.app.privacy.KeyRotationConfiguration;
import dev.facerec.api.http.idempotency.IdempotencyConfiguration;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.crypto.EncryptedFaces;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.gallery.GalleryAccessRepository;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.job.ArchiveInspector;
import dev.facerec.core.job.ArchiveLimits;
import dev.facerec.core.job.ArchiveSource;
import dev.facerec.core.job.DirectoryArchiveStore;
import dev.facerec.core.job.EnrollmentJobs;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.core.testing.InMemoryAuditLog;
import dev.facerec.core.testing.InMemoryGalleryAccess;
import dev.facerec.core.testing.InMemoryJobRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The in-memory fakes of core's test-jar as the port beans the gallery wiring needs, until the adapters' own
 * configuration provides them; with the gallery, cache and idempotency configuration.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({
    GalleryConfiguration.class,
    CacheConfiguration.class,
    IdempotencyConfiguration.class,
    KeyRotationConfiguration.class
})
public class GalleryTestPorts {
    /** Jobs in memory, their archives in a temporary folder; no runner (the slices test request and answer shapes). */
    @Bean
    EnrollmentJobs enrollmentJobs(GalleryAccess access, FakePipeline fakes, java.time.Clock clock)
            throws java.io.IOException {
        return new EnrollmentJobs(
                access,
                fakes.galleries(),
                new InMemoryJobRepository(),
                new ArchiveSource(
                        new DirectoryArchiveStore(java.nio.file.Files.createTempDirectory("slice-jobs")),
                        new ArchiveInspector(ArchiveLimits.DEFAULT)),
                java.util.Optional.empty(),
                clock,
                dev.facerec.core.event.DomainEvents.NONE);
    }

    @Bean
    FakePipeline fakePipeline() {
        return new FakePipeline();
    }

    /** Slices restrict no gallery; the restrictions are tested in core and through real HTTP (GalleryAccessEndToEndIT). */
    @Bean
    GalleryAccessRepository galleryAccessRepository() {
        return new InMemoryGalleryAccess();
    }

    @Bean
    GalleryRepository galleryRepository(FakePipeline fakes) {
        return fakes.galleries();
    }

    @Bean
    PersonRepository personRepository(FakePipeline fakes) {
        return fakes.persons();
    }

    @Bean
    FaceRepository faceRepository(FakePipeline fakes) {
        return fakes.faces();
    }

    @Bean
    ImageStore imageStore(FakePipeline fakes) {
        return fakes.imageStore();
    }

    @Bean
    GalleryIndex galleryIndex(FakePipeline fakes) {
        return fakes.galleryIndex();
    }

    @Bean
    InMemoryAuditLog auditLog() {
        return new InMemoryAuditLog();
    }

    /** The slices' data is in memory only, so there is never anything to re-encrypt. */
    @Bean
    KeyRing keyRing() {
        return KeyRing.of("web-slice-test-key-not-for-anything-real");
    }

    @Bean
    EncryptedFaces encryptedFaces() {
        return new EncryptedFaces() {
            @Override
            public long countEmbeddingsNotUnder(String keyId) {
                return 0;
            }

            @Override
            public List<UUID> embeddingsNotUnder(String keyId, UUID after, int limit) {
                return List.of();
            }

            @Override
            public boolean reEncryptEmbedding(UUID faceId) {
                return false;
            }

            @Override
            public long countImagesNotUnder(String keyId) {
                return 0;
            }

            @Override
            public List<String> imagesNotUnder(String keyId, String after, int limit) {
                return List.of();
            }

            @Override
            public int replaceImage(String oldKey, String newKey, String keyId, Runnable beforeCommit) {
                beforeCommit.run();
                return 0;
            }
        };
    }
}
