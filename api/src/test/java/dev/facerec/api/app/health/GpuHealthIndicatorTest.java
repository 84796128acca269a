package dev.facerec.api.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.ml.MlConfig;
import dev.facerec.ml.gpu.GpuDevice;
import dev.facerec.ml.gpu.GpuSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** What the {@code gpu} component says for each thing the monitor can see and each device the operator asked for. */
class GpuHealthIndicatorTest {
    private static final Instant NOW = Instant.parse("2026-11-22T21:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration INTERVAL = Duration.ofSeconds(15);

    /** What nvidia-smi reported on an H100 holding 20 GiB and running matrix products. */
    private static final GpuDevice BUSY_H100 = new GpuDevice(
            0,
            "NVIDIA H100 80GB HBM3",
            21491L << 20,
            81559L << 20,
            OptionalDouble.of(1.0),
            OptionalDouble.of(56),
            "580.159.04");

    @Test
    void aCpuServerWithoutAGpuIsUp() {
        Health health = indicator(
                        snapshot(GpuSnapshot.State.ABSENT, "nvidia-smi is not installed"), MlConfig.Device.AUTO, "CPU")
                .health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("kind", "nvidia-smi")
                .containsEntry("devices", List.of())
                .containsEntry("inference", "CPU");
    }

    @Test
    void theGpusWithTheirMemoryAreShown() {
        Health health = indicator(ok(Duration.ofSeconds(3)), MlConfig.Device.CUDA, "CUDA")
                .health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("inference", "CUDA").containsEntry("ageSeconds", 3L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> devices =
                (List<Map<String, Object>>) health.getDetails().get("devices");
        assertThat(devices)
                .singleElement()
                .satisfies(device -> assertThat(device)
                        .containsEntry("name", "NVIDIA H100 80GB HBM3")
                        .containsEntry("memoryUsedMiB", 21491L)
                        .containsEntry("memoryTotalMiB", 81559L)
                        .containsEntry("utilizationPercent", 100L)
                        .containsEntry("temperatureCelsius", 56.0)
                        .containsEntry("driverVersion", "580.159.04"));
    }

    @Test
    void aDriverThatDoesNotAnswerDegradesTheServiceWithTheReason() {
        Health health = indicator(
                        snapshot(
                                GpuSnapshot.State.FAILED,
                                "nvidia-smi did not answer within 5000 ms (a hung driver or GPU)"),
                        MlConfig.Device.AUTO,
                        "CUDA")
                .health();

        assertThat(health.getStatus()).isEqualTo(EmbeddingCacheHealthIndicator.DEGRADED);
        assertThat(health.getDetails())
                .containsEntry("reason", "nvidia-smi did not answer within 5000 ms (a hung driver or GPU)");
    }

    @Test
    void aLookOlderThanThreeIntervalsIsStale() {
        Health health = indicator(ok(Duration.ofSeconds(46)), MlConfig.Device.AUTO, "CUDA")
                .health();

        assertThat(health.getStatus()).isEqualTo(EmbeddingCacheHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsEntry("reason", "the GPUs were last read 46 s ago");
    }

    @Test
    void askingForCudaAndRunningOnTheCpuIsDegradedEvenWithAGpuPresent() {
        Health health =
                indicator(ok(Duration.ZERO), MlConfig.Device.CUDA, "CPU").health();

        assertThat(health.getStatus()).isEqualTo(EmbeddingCacheHealthIndicator.DEGRADED);
        assertThat((String) health.getDetails().get("reason"))
                .startsWith("LOCAL_ML_DEVICE=cuda but inference runs on the CPU");
        assertThat(health.getDetails()).containsKey("devices");
    }

    @Test
    void automaticDeviceChoiceOnTheCpuBesideAGpuIsNotAFault() {
        // The CPU build of the service on a GPU host: the operator did not ask for the GPU.
        assertThat(indicator(ok(Duration.ZERO), MlConfig.Device.AUTO, "CPU")
                        .health()
                        .getStatus())
                .isEqualTo(Status.UP);
    }

    @Test
    void monitoringOffIsSaidSo() {
        Health health =
                new GpuHealthIndicator(Optional.empty(), INTERVAL, MlConfig.Device.AUTO, () -> "CPU", CLOCK).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("kind", "off")
                .containsEntry("monitor", "off (GPU_MONITOR=false)");
    }

    private static GpuHealthIndicator indicator(GpuSnapshot snapshot, MlConfig.Device requested, String provider) {
        Supplier<GpuSnapshot> latest = () -> snapshot;
        return new GpuHealthIndicator(Optional.of(latest), INTERVAL, requested, () -> provider, CLOCK);
    }

    private static GpuSnapshot ok(Duration age) {
        return new GpuSnapshot(
                GpuSnapshot.State.OK, List.of(BUSY_H100), Optional.empty(), NOW.minus(age), Duration.ofMillis(28));
    }

    private static GpuSnapshot snapshot(GpuSnapshot.State state, String problem) {
        return new GpuSnapshot(state, List.of(), Optional.of(problem), NOW, Duration.ofMillis(28));
    }
}
