package dev.facerec.api.app.health;

import dev.facerec.ml.MlConfig;
import dev.facerec.ml.gpu.GpuDevice;
import dev.facerec.ml.gpu.GpuSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code gpu} component: the GPUs the driver reports (memory, utilisation, temperature) from the monitor's latest
 * look, and whether inference uses them. It never waits on the driver itself. A CPU server without a GPU is
 * {@code UP}: nothing is missing. It is {@code DEGRADED} (still serving, more slowly or blind) when the driver does
 * not answer, when the latest look is stale, or when {@code LOCAL_ML_DEVICE=cuda} asked for the GPU and inference
 * runs on the CPU. Optional for readiness: a replica on the CPU still answers correctly.
 */
final class GpuHealthIndicator extends TimedHealthIndicator {
    private static final long MIB = 1024L * 1024L;

    private final Optional<Supplier<GpuSnapshot>> monitor;
    private final Duration interval;
    private final MlConfig.Device requested;
    private final Supplier<String> executionProvider;
    private final Clock clock;

    /**
     * @param monitor the latest look, empty when GPU monitoring is off
     * @param interval the time between looks
     * @param requested {@code LOCAL_ML_DEVICE}
     * @param executionProvider where inference runs ({@code CUDA} or {@code CPU}); null before the models load
     */
    GpuHealthIndicator(
            Optional<Supplier<GpuSnapshot>> monitor,
            Duration interval,
            MlConfig.Device requested,
            Supplier<String> executionProvider,
            Clock clock) {
        this.monitor = monitor;
        this.interval = interval;
        this.requested = requested;
        this.executionProvider = executionProvider;
        this.clock = clock;
    }

    @Override
    String kind() {
        return monitor.isPresent() ? "nvidia-smi" : "off";
    }

    @Override
    Health.Builder check() {
        String inference = executionProvider.get();
        Health.Builder builder = healthOfTheDevices();
        if (requested == MlConfig.Device.CUDA && inference != null && !"CUDA".equals(inference)) {
            Health devices = builder.build();
            builder = Health.status(EmbeddingCacheHealthIndicator.DEGRADED)
                    .withDetails(devices.getDetails())
                    .withDetail(
                            REASON,
                            "LOCAL_ML_DEVICE=cuda but inference runs on the " + inference
                                    + ": the CUDA provider could not be used (see the dev.facerec.ml.gpu log line at"
                                    + " start-up)");
        }
        return builder.withDetail("inference", inference == null ? "not started" : inference);
    }

    private Health.Builder healthOfTheDevices() {
        if (monitor.isEmpty()) {
            return Health.up().withDetail("devices", List.of()).withDetail("monitor", "off (GPU_MONITOR=false)");
        }
        GpuSnapshot snapshot = monitor.get().get();
        Duration age = Duration.between(snapshot.takenAt(), clock.instant());
        return switch (snapshot.state()) {
            case PENDING, ABSENT ->
                Health.up()
                        .withDetail("devices", List.of())
                        .withDetail("monitor", snapshot.problem().orElse(""));
            case FAILED ->
                Health.status(EmbeddingCacheHealthIndicator.DEGRADED)
                        .withDetail(REASON, snapshot.problem().orElseThrow())
                        .withDetail("devices", List.of());
            case OK -> {
                Health.Builder up = age.compareTo(interval.multipliedBy(3)) > 0
                        ? Health.status(EmbeddingCacheHealthIndicator.DEGRADED)
                                .withDetail(REASON, "the GPUs were last read " + age.toSeconds() + " s ago")
                        : Health.up();
                yield up.withDetail(
                                "devices",
                                snapshot.devices().stream()
                                        .map(GpuHealthIndicator::view)
                                        .toList())
                        .withDetail("readMs", snapshot.took().toMillis())
                        .withDetail("ageSeconds", age.toSeconds());
            }
        };
    }

    private static Map<String, Object> view(GpuDevice device) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("index", device.index());
        view.put("name", device.name());
        view.put("memoryUsedMiB", device.memoryUsedBytes() / MIB);
        view.put("memoryTotalMiB", device.memoryTotalBytes() / MIB);
        device.utilization().ifPresent(u -> view.put("utilizationPercent", Math.round(u * 100)));
        device.temperatureCelsius().ifPresent(t -> view.put("temperatureCelsius", t));
        view.put("driverVersion", device.driverVersion());
        return view;
    }
}
