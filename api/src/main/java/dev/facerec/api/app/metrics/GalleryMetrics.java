package dev.facerec.api.app.metrics;

import static java.util.Objects.requireNonNull;

import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.core.index.GalleryIndex;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code facerec.gallery.faces{gallery=<id>}}, the faces held in the in-memory index per gallery, and {@code
 * facerec.galleries}, how many galleries hold faces. Labels are gallery ids, never names: names are chosen by clients
 * and may be personal data. Galleries are created by clients without bound, so the label's cardinality is bounded:
 * only the {@link #TOP} largest galleries get a series of their own and the rest are summed under {@code
 * gallery="other"}, which always exists so that a sum over the series is the whole index. The series are refreshed
 * on a timer, not per scrape: the set of series can only change when it is registered again, and the snapshot costs
 * one read per gallery partition, not per face.
 */
public final class GalleryMetrics implements AutoCloseable {
    /** Largest galleries with a series of their own; Prometheus copes with a few hundred series per metric. */
    public static final int TOP = 100;

    public static final String OTHER = "other";
    private static final Logger LOG = LoggerFactory.getLogger(GalleryMetrics.class);

    private final GalleryIndex index;
    private final int top;
    private final MultiGauge faces;
    private final AtomicInteger galleries = new AtomicInteger();
    private PeriodicJob timer;

    public GalleryMetrics(GalleryIndex index, MeterRegistry registry, int top) {
        this.index = requireNonNull(index, "index is null");
        requireNonNull(registry, "registry is null");
        if (top < 0) {
            throw new IllegalArgumentException("top must not be negative: " + top);
        }
        this.top = top;
        this.faces = MultiGauge.builder("facerec.gallery.faces")
                .description("faces in the in-memory index per gallery id; beyond the largest " + top
                        + " galleries, summed under gallery=\"other\"")
                .register(registry);
        Gauge.builder("facerec.galleries", galleries, AtomicInteger::get)
                .description("galleries holding faces in the in-memory index")
                .register(registry);
        refresh();
    }

    /** Takes a new snapshot of the index; the series follow it. Never throws: metrics must not hurt the service. */
    public void refresh() {
        try {
            Map<UUID, Integer> sizes = index.facesPerGallery();
            List<Map.Entry<UUID, Integer>> largest = new ArrayList<>(sizes.entrySet());
            // Ties broken by id, so that galleries of equal size do not swap series from one refresh to the next.
            largest.sort(Comparator.comparing(Map.Entry<UUID, Integer>::getValue)
                    .reversed()
                    .thenComparing(Map.Entry::getKey));
            List<MultiGauge.Row<?>> rows = new ArrayList<>(Math.min(top, largest.size()) + 1);
            long other = 0;
            for (int i = 0; i < largest.size(); i++) {
                Map.Entry<UUID, Integer> gallery = largest.get(i);
                if (i < top) {
                    rows.add(MultiGauge.Row.of(
                            Tags.of("gallery", gallery.getKey().toString()), gallery.getValue()));
                } else {
                    other += gallery.getValue();
                }
            }
            rows.add(MultiGauge.Row.of(Tags.of("gallery", OTHER), other));
            faces.register(rows, true);
            galleries.set(sizes.size());
        } catch (RuntimeException e) {
            LOG.warn("Gallery size metrics not refreshed: {}", e.getMessage());
        }
    }

    /** Refreshes every {@code interval} until closed. */
    public synchronized void start(Duration interval) {
        requireNonNull(interval, "interval is null");
        if (timer == null) {
            timer = PeriodicJob.start("gallery-metrics", interval, this::refresh);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.close();
            timer = null;
        }
    }
}
