package dev.facerec.api.app.health;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.GpuProperties;
import dev.facerec.api.app.config.MlProperties;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.store.ImageStore;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.gpu.GpuMonitor;
import dev.facerec.persistence.DatabaseInfo;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The health indicators, each a component of {@code /actuator/health} (named after its bean without the
 * {@code HealthIndicator} suffix), and the {@link ServiceHealth} that {@code /health/*} builds from the very same
 * objects, so both views run one check and tell one story.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GpuProperties.class, MlProperties.class})
@Import(ClockConfiguration.class)
class HealthConfiguration {
    @Bean
    ModelsHealthIndicator modelsHealthIndicator(ModelsStatus models) {
        return new ModelsHealthIndicator(models);
    }

    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(
            ObjectProvider<DataSource> dataSource, ObjectProvider<DatabaseInfo> info) {
        return new DatabaseHealthIndicator(dataSource, info);
    }

    @Bean
    ImageStoreHealthIndicator imageStoreHealthIndicator(ImageStore store) {
        return new ImageStoreHealthIndicator(store);
    }

    @Bean
    EmbeddingCacheHealthIndicator embeddingCacheHealthIndicator(EmbeddingCache cache) {
        return new EmbeddingCacheHealthIndicator(cache);
    }

    @Bean
    GalleryIndexHealthIndicator galleryIndexHealthIndicator(ActiveRecognizer recognizers) {
        return new GalleryIndexHealthIndicator(recognizers);
    }

    @Bean
    GpuHealthIndicator gpuHealthIndicator(
            ObjectProvider<GpuMonitor> monitor,
            GpuProperties gpu,
            MlProperties ml,
            ObjectProvider<FaceEngine> engine,
            Clock clock) {
        GpuMonitor watching = monitor.getIfAvailable();
        return new GpuHealthIndicator(
                Optional.ofNullable(watching).map(m -> m::latest),
                gpu.interval(),
                ml.device(),
                () -> {
                    FaceEngine loaded = engine.getIfAvailable();
                    return loaded == null ? null : loaded.executionProvider();
                },
                clock);
    }

    @Bean
    ServiceHealth serviceHealth(
            ModelsHealthIndicator models,
            DatabaseHealthIndicator database,
            ImageStoreHealthIndicator imageStore,
            EmbeddingCacheHealthIndicator embeddingCache,
            GalleryIndexHealthIndicator galleryIndex,
            GpuHealthIndicator gpu) {
        Map<String, HealthIndicator> components = new LinkedHashMap<>();
        components.put(ServiceHealth.MODELS, models);
        components.put(ServiceHealth.DATABASE, database);
        components.put(ServiceHealth.IMAGE_STORE, imageStore);
        components.put(ServiceHealth.EMBEDDING_CACHE, embeddingCache);
        components.put(ServiceHealth.GALLERY_INDEX, galleryIndex);
        components.put(ServiceHealth.GPU, gpu);
        return new ServiceHealth(components);
    }
}
