package dev.facerec.tools.bench.http;

import dev.facerec.tools.bench.BenchmarkPhotos.Photo;
import dev.facerec.tools.bench.TextTable;
import dev.facerec.tools.bench.ThroughputBenchmark;
import dev.facerec.tools.bench.Timings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Concurrent clients sending phone-size photos to {@code POST /api/v1/faces/detect} for a while, each request a fresh
 * upload, with the service's memory watched meanwhile. An answer other than 200 (a 503 when the service sheds load)
 * counts as a failure, not as a photo.
 */
final class LoadSection {
    /** Long enough that a slow answer on a loaded machine is measured, not counted as a failure. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private LoadSection() {}

    /** What the clients achieved and what the service's memory did meanwhile. */
    record Figures(ThroughputBenchmark.Result result, ServiceMemory.Figures memory) {}

    static Figures run(ServiceUnderTest service, List<Photo> photos, int clients, double seconds) throws Exception {
        ServiceClient http = service.http();
        ThroughputBenchmark<Photo> load = new ThroughputBenchmark<>(
                photos,
                photo -> Answers.faces(
                        http.postImage(TIMEOUT, "/api/v1/faces/detect", FreshUpload.next(photo.bytes()))));
        try (ServiceMemory memory = ServiceMemory.watch(service)) {
            ThroughputBenchmark.Result result = load.run(clients, seconds);
            return new Figures(result, memory.stop());
        }
    }

    static void print(Figures figures, List<Photo> photos, List<String> javaOptions, PrintStream out) {
        ThroughputBenchmark.Result r = figures.result();
        ServiceMemory.Figures m = figures.memory();
        new TextTable(
                        "clients",
                        "photos",
                        "failed",
                        "wall s",
                        "photos/s",
                        "latency p50 ms",
                        "latency p95 ms",
                        "heap after GC, max MB",
                        "GCs",
                        "live data max MB",
                        "heap used peak MB",
                        "max heap MB",
                        "RSS peak MB")
                .row(
                        r.concurrency(),
                        r.photos(),
                        r.failures(),
                        String.format(Locale.ROOT, "%.1f", r.wallSeconds()),
                        String.format(Locale.ROOT, "%.2f", r.photosPerSecond()),
                        Timings.format(r.latency().median()),
                        Timings.format(r.latency().p95()),
                        megabytes(m.maxHeapAfterGc()),
                        m.collections(),
                        megabytes(m.maxLiveData()),
                        megabytes(m.peakHeapUsed()),
                        megabytes(m.maxHeap()),
                        megabytes(m.peakResident()))
                .print(out);
        if (!r.failureSamples().isEmpty()) {
            out.println("failures, first kinds: " + r.failureSamples());
        }
        out.println("photos: " + photos.stream().map(Photo::name).toList() + " in turn; MB = 10^6 bytes");
        out.println("service JVM options: " + (javaOptions.isEmpty() ? "(none)" : String.join(" ", javaOptions))
                + (javaOptions.stream().anyMatch(o -> o.startsWith("-Xmx"))
                        ? ""
                        : " (no -Xmx: the JVM's default max heap, a quarter of the machine's memory)")
                + "; heap after GC from the service's GC log, the other memory figures sampled every 0.5 s from"
                + " its management port and /proc (" + m.samples() + " samples)");
    }

    /** Bytes as decimal megabytes, or {@code -} when unknown. */
    static String megabytes(long bytes) {
        return bytes < 0 ? "-" : Long.toString(Math.round(bytes / 1e6));
    }
}
