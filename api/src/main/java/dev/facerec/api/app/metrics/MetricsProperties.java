package dev.facerec.api.app.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.metrics.*}: metrics the service computes on a timer rather than per scrape.
 *
 * @param galleryRefresh time between snapshots of the faces per gallery ({@link GalleryMetrics}), about a Prometheus
 *     scrape interval; positive
 */
@ConfigurationProperties("facerec.metrics")
public record MetricsProperties(@DefaultValue("15s") Duration galleryRefresh) {
    public MetricsProperties {
        if (galleryRefresh == null || galleryRefresh.isNegative() || galleryRefresh.isZero()) {
            throw new IllegalArgumentException("facerec.metrics.gallery-refresh must be positive: " + galleryRefresh);
        }
    }
}
