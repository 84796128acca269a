package dev.facerec.api.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.ml.gpu.GpuMonitor;
import dev.facerec.ml.gpu.GpuSnapshot;
import dev.facerec.ml.gpu.NvidiaSmi;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU gauges over a stand-in nvidia-smi (a real process) that prints what the real one printed on an H100. */
class GpuMetricsTest {
    private static final String BUSY_H100 = "0, NVIDIA H100 80GB HBM3, 21491, 81559, 100, 56, 580.159.04";

    @TempDir
    Path dir;

    @Test
    void perGpuGaugesFollowTheLatestLookAndGoBlankWhenTheDriverFails() throws Exception {
        Path broken = dir.resolve("broken");
        Path tool = dir.resolve("nvidia-smi");
        Files.writeString(
                tool,
                "#!/bin/sh\n[ -f " + broken + " ] && { echo 'driver gone'; exit 9; }\necho '" + BUSY_H100 + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        MeterRegistry registry = new SimpleMeterRegistry();

        try (GpuMonitor monitor = new GpuMonitor(
                new NvidiaSmi(tool.toString(), Duration.ofSeconds(5), Clock.systemUTC()),
                Duration.ofMillis(100),
                Clock.systemUTC())) {
            new GpuMetrics(monitor, registry);
            assertThat(gauge(registry, "facerec.gpu.devices")).isZero();
            monitor.start();
            await(() -> monitor.latest().state() == GpuSnapshot.State.OK);

            assertThat(gauge(registry, "facerec.gpu.devices")).isEqualTo(1);
            assertThat(gauge(registry, "facerec.gpu.monitor.failing")).isZero();
            assertThat(registry.get("facerec.gpu.memory.used.bytes")
                            .tag("gpu", "0")
                            .tag("name", "NVIDIA H100 80GB HBM3")
                            .gauge()
                            .value())
                    .isEqualTo(21491.0 * 1024 * 1024);
            assertThat(gauge(registry, "facerec.gpu.memory.total.bytes")).isEqualTo(81559.0 * 1024 * 1024);
            assertThat(gauge(registry, "facerec.gpu.utilization.ratio")).isEqualTo(1.0);
            assertThat(gauge(registry, "facerec.gpu.temperature.celsius")).isEqualTo(56.0);

            Files.createFile(broken);
            await(() -> monitor.latest().state() == GpuSnapshot.State.FAILED);

            assertThat(gauge(registry, "facerec.gpu.monitor.failing")).isEqualTo(1);
            assertThat(gauge(registry, "facerec.gpu.devices")).isZero();
            assertThat(gauge(registry, "facerec.gpu.memory.used.bytes")).isNaN();
        }
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
