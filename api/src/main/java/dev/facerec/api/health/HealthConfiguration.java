package dev.facerec.api.health;

import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.persistence.DatabaseInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicators, each a component of {@code /actuator/health} (named after its bean without the
 * {@code HealthIndicator} suffix), and the {@link ServiceHealth} that {@code /health/*} builds from the very same
 * objects, so both views run one check and tell one story.
 */
@Configuration(proxyBeanMethods = false)
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
    GalleryIndexHealthIndicator galleryIndexHealthIndicator(GalleryIndex index, IndexSynchronizer synchronizer) {
        return new GalleryIndexHealthIndicator(index, synchronizer);
    }

    @Bean
    ServiceHealth serviceHealth(
            ModelsHealthIndicator models,
            DatabaseHealthIndicator database,
            ImageStoreHealthIndicator imageStore,
            EmbeddingCacheHealthIndicator embeddingCache,
            GalleryIndexHealthIndicator galleryIndex) {
        Map<String, HealthIndicator> components = new LinkedHashMap<>();
        components.put(ServiceHealth.MODELS, models);
        components.put(ServiceHealth.DATABASE, database);
        components.put(ServiceHealth.IMAGE_STORE, imageStore);
        components.put(ServiceHealth.EMBEDDING_CACHE, embeddingCache);
        components.put(ServiceHealth.GALLERY_INDEX, galleryIndex);
        return new ServiceHealth(components);
    }
}
