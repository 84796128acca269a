package dev.facerec.api.app.metrics;

import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.gpu.GpuMonitor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gauges that dashboards and alert rules rely on, with units in their names: whether the models are loaded,
 * whether inference runs on a GPU, how long the models took to load, how much memory the gallery index holds, and
 * whether the embedding cache answers. Names are stable: the alert rules in {@code prometheus/} use them. Gauges hold
 * their providers strongly: Micrometer keeps gauge state weakly, and nothing else references these providers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
public class ServiceMetrics {
    ServiceMetrics(
            MeterRegistry registry,
            ObjectProvider<FaceEngine> engine,
            ObjectProvider<ActiveRecognizer> recognizers,
            ObjectProvider<EmbeddingCache> cache) {
        Gauge.builder("facerec.models.loaded", engine, e -> e.getIfAvailable() == null ? 0 : 1)
                .description("1 when the detector and recognizer are loaded")
                .strongReference(true)
                .register(registry);
        Gauge.builder("facerec.gpu.available", engine, e -> {
                    FaceEngine loaded = e.getIfAvailable();
                    return loaded != null && "CUDA".equals(loaded.executionProvider()) ? 1 : 0;
                })
                .description("1 when inference runs on the CUDA execution provider")
                .strongReference(true)
                .register(registry);
        Gauge.builder("facerec.models.load.seconds", engine, e -> {
                    FaceEngine loaded = e.getIfAvailable();
                    return loaded == null ? Double.NaN : loaded.loadMillis() / 1000.0;
                })
                .description("time to verify and load the model packs at start-up")
                .strongReference(true)
                .register(registry);
        Gauge.builder("facerec.index.memory.bytes", recognizers, r -> {
                    ActiveRecognizer loaded = r.getIfAvailable();
                    return loaded == null ? 0 : loaded.index().memoryBytes();
                })
                .description("heap held by the in-memory gallery indexes (two while a model switch loads one)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("facerec.cache.available", cache, c -> {
                    EmbeddingCache loaded = c.getIfAvailable();
                    return loaded != null && loaded.isAvailable() ? 1 : 0;
                })
                .description("1 when the embedding cache answers (0: requests run without it)")
                .strongReference(true)
                .register(registry);
    }

    /** Per-GPU memory, utilisation and temperature; absent when GPU monitoring is off ({@code GPU_MONITOR=false}). */
    @Bean
    @ConditionalOnBean(GpuMonitor.class)
    GpuMetrics gpuMetrics(GpuMonitor monitor, MeterRegistry registry) {
        return new GpuMetrics(monitor, registry);
    }

    /** Faces per gallery, bounded in cardinality; see {@link GalleryMetrics}. Refreshed at about a scrape interval. */
    @Bean(destroyMethod = "close")
    GalleryMetrics galleryMetrics(MeterRegistry registry, ActiveRecognizer recognizers, MetricsProperties properties) {
        GalleryMetrics metrics = new GalleryMetrics(recognizers.index(), registry, GalleryMetrics.TOP);
        metrics.start(properties.galleryRefresh());
        return metrics;
    }
}
