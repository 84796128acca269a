package dev.facerec.ml.gpu;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the GPUs in the background, every {@code interval}, and keeps the latest look for the metrics and the
 * health view, so that neither a Prometheus scrape nor a health probe ever waits on the driver. A machine without the
 * driver tool is looked at once: there is nothing to watch and nothing is forked again. A tool that fails or hangs is
 * tried again at every interval, and each change between working and failing is logged once, on the
 * {@code dev.facerec.ml.gpu} logger.
 */
public final class GpuMonitor implements AutoCloseable {
    private static final Logger GPU_LOG = LoggerFactory.getLogger("dev.facerec.ml.gpu");

    private final NvidiaSmi smi;
    private final Duration interval;
    private final AtomicReference<GpuSnapshot> latest;
    private final List<Consumer<GpuSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;

    public GpuMonitor(NvidiaSmi smi, Duration interval, Clock clock) {
        this.smi = requireNonNull(smi, "smi is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.interval = interval;
        this.latest = new AtomicReference<>(GpuSnapshot.notYetTaken(clock.instant()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gpu-monitor").factory());
    }

    /**
     * Called with every new look, on the monitor's thread, before {@link #latest()} returns it; must return quickly.
     */
    public void onSnapshot(Consumer<GpuSnapshot> listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Takes the first look now, in the background, then one every interval while the tool is there. */
    public void start() {
        scheduler.execute(this::look);
    }

    /** The latest look; {@code PENDING} before the first one ends. */
    public GpuSnapshot latest() {
        return latest.get();
    }

    /** The time between looks: a snapshot older than two of these is stale. */
    public Duration interval() {
        return interval;
    }

    private void look() {
        GpuSnapshot snapshot = smi.query();
        // Listeners first, then publish: whoever sees the new look in latest() also sees what the listeners did
        // with it (the metrics register a new GPU's gauges there). Only this thread writes, so nothing is lost.
        for (Consumer<GpuSnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                GPU_LOG.warn("A GPU snapshot listener failed", e);
            }
        }
        report(latest.getAndSet(snapshot), snapshot);
        if (snapshot.state() != GpuSnapshot.State.ABSENT && !scheduler.isShutdown()) {
            scheduler.schedule(this::look, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void report(GpuSnapshot previous, GpuSnapshot snapshot) {
        if (snapshot.state() == previous.state()) {
            return;
        }
        switch (snapshot.state()) {
            case OK ->
                GPU_LOG.info(
                        "GPUs found: {} (read in {} ms)",
                        snapshot.devices().stream()
                                .map(d -> d.index() + ": " + d.name() + ", " + d.memoryTotalBytes() / (1024 * 1024)
                                        + " MiB, driver " + d.driverVersion())
                                .toList(),
                        snapshot.took().toMillis());
            case ABSENT ->
                GPU_LOG.info("No GPU to watch: {}", snapshot.problem().orElseThrow());
            case FAILED ->
                GPU_LOG.warn("The GPUs cannot be read: {}", snapshot.problem().orElseThrow());
            case PENDING -> {}
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
