package dev.facerec.api.app.metrics;

import dev.facerec.ml.gpu.GpuDevice;
import dev.facerec.ml.gpu.GpuMonitor;
import dev.facerec.ml.gpu.GpuSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * GPU gauges from the monitor's latest look, one series per GPU ({@code gpu} = the driver's index, {@code name} = the
 * board): memory used and total in bytes, utilisation as a ratio, temperature in degrees. A device's gauges are
 * registered the first time it is seen; when a later look fails they read NaN (a gap in the graph, not a stale
 * value). {@code facerec_gpu_monitor_failing} is 1 while the driver's tool fails or hangs, the alert's input.
 * Memory is the whole GPU's, every process's, which is what runs out.
 */
final class GpuMetrics {
    private final GpuMonitor monitor;
    private final MeterRegistry registry;
    private final Set<Integer> registered = ConcurrentHashMap.newKeySet();

    GpuMetrics(GpuMonitor monitor, MeterRegistry registry) {
        this.monitor = monitor;
        this.registry = registry;
        Gauge.builder(
                        "facerec.gpu.monitor.failing",
                        monitor,
                        m -> m.latest().state() == GpuSnapshot.State.FAILED ? 1 : 0)
                .description("1 while nvidia-smi fails or does not answer in time (a hung or lost GPU driver)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("facerec.gpu.devices", monitor, m -> m.latest().devices().size())
                .description("GPUs the driver reported in the latest look (0 without a GPU or while the look fails)")
                .strongReference(true)
                .register(registry);
        monitor.onSnapshot(this::register);
        register(monitor.latest());
    }

    private void register(GpuSnapshot snapshot) {
        for (GpuDevice device : snapshot.devices()) {
            if (!registered.add(device.index())) {
                continue;
            }
            Tags tags = Tags.of("gpu", Integer.toString(device.index()), "name", device.name());
            gauge(
                    "facerec.gpu.memory.used.bytes",
                    "device memory in use on the GPU, by every process",
                    tags,
                    device.index(),
                    d -> d.memoryUsedBytes());
            gauge(
                    "facerec.gpu.memory.total.bytes",
                    "device memory of the GPU",
                    tags,
                    device.index(),
                    d -> d.memoryTotalBytes());
            gauge(
                    "facerec.gpu.utilization.ratio",
                    "fraction of time a kernel ran on the GPU, 0 to 1",
                    tags,
                    device.index(),
                    d -> d.utilization().orElse(Double.NaN));
            gauge(
                    "facerec.gpu.temperature.celsius",
                    "GPU core temperature",
                    tags,
                    device.index(),
                    d -> d.temperatureCelsius().orElse(Double.NaN));
        }
    }

    private void gauge(String name, String description, Tags tags, int index, ToDoubleFunction<GpuDevice> value) {
        Gauge.builder(
                        name,
                        monitor,
                        m -> device(m, index).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    private static Optional<GpuDevice> device(GpuMonitor monitor, int index) {
        return monitor.latest().devices().stream()
                .filter(d -> d.index() == index)
                .findFirst();
    }
}
