package dev.facerec.tools.eval;

import dev.facerec.ml.gpu.GpuDevice;
import dev.facerec.ml.gpu.GpuSnapshot;
import dev.facerec.ml.gpu.NvidiaSmi;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the service's GPU monitor sees on this machine, and what one look costs: {@code looks} queries through the
 * same {@link NvidiaSmi} the service uses, then the devices of the last one and the query latency (p50, p95, max).
 * An operator runs it where the service runs to check that GPU metrics will work there.
 *
 * <pre>java -cp ... dev.facerec.tools.eval.GpuReport [looks] [executable]</pre>
 *
 * Exits 0 when GPUs were read, 3 when there is no driver tool, 4 when the tool failed.
 */
public final class GpuReport {
    private GpuReport() {}

    public static void main(String[] args) {
        int looks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String executable = args.length > 1 ? args[1] : "nvidia-smi";
        NvidiaSmi smi = new NvidiaSmi(executable, Duration.ofSeconds(5), Clock.systemUTC());
        long[] micros = new long[looks];
        GpuSnapshot last = null;
        for (int i = 0; i < looks; i++) {
            last = smi.query();
            micros[i] = last.took().toNanos() / 1000;
        }
        Arrays.sort(micros);
        System.out.printf(
                Locale.ROOT,
                "%s: %d looks, state %s, latency p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                smi,
                looks,
                last.state(),
                micros[looks / 2] / 1000.0,
                micros[Math.min(looks - 1, (int) Math.ceil(looks * 0.95) - 1)] / 1000.0,
                micros[looks - 1] / 1000.0);
        last.problem().ifPresent(problem -> System.out.println("problem: " + problem));
        for (GpuDevice device : last.devices()) {
            System.out.printf(
                    Locale.ROOT,
                    "gpu %d: %s, memory %d / %d MiB (%.1f%%), utilization %s, temperature %s, driver %s%n",
                    device.index(),
                    device.name(),
                    device.memoryUsedBytes() / (1024 * 1024),
                    device.memoryTotalBytes() / (1024 * 1024),
                    100 * device.memoryUsedRatio(),
                    device.utilization().isPresent()
                            ? Math.round(100 * device.utilization().getAsDouble()) + "%"
                            : "n/a",
                    device.temperatureCelsius().isPresent()
                            ? device.temperatureCelsius().getAsDouble() + " C"
                            : "n/a",
                    device.driverVersion());
        }
        System.exit(
                switch (last.state()) {
                    case OK -> 0;
                    case ABSENT, PENDING -> 3;
                    case FAILED -> 4;
                });
    }
}
