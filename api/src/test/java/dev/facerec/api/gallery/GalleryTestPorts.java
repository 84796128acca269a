package dev.facerec.api.gallery;

import dev.facerec.api.cache.CacheConfiguration;
import dev.facerec.api.idempotency.IdempotencyConfiguration;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.testing.FakePipeline;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The in-memory fakes of core's test-jar as the port beans the gallery wiring needs, until the adapters' own
 * configuration provides them; with the gallery, cache and idempotency configuration.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({GalleryConfiguration.class, CacheConfiguration.class, IdempotencyConfiguration.class})
public class GalleryTestPorts {
    @Bean
    FakePipeline fakePipeline() {
        return new FakePipeline();
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
}
