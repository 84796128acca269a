package dev.facerec.api.app.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.gpu.*}: how the GPUs are watched.
 *
 * @param monitor {@code GPU_MONITOR}: false turns the GPU metrics and the health view's gpu component off
 * @param nvidiaSmi {@code NVIDIA_SMI}: the driver's tool, looked up on the PATH unless a full path is given
 * @param interval {@code GPU_MONITOR_INTERVAL}: time between looks, about a Prometheus scrape interval
 * @param timeout {@code GPU_MONITOR_TIMEOUT}: a look that takes longer is killed and reported as failed
 */
@ConfigurationProperties("facerec.gpu")
public record GpuProperties(
        @DefaultValue("true") boolean monitor,
        @DefaultValue("nvidia-smi") String nvidiaSmi,
        @DefaultValue("15s") Duration interval,
        @DefaultValue("5s") Duration timeout) {
    public GpuProperties {
        requireNonNull(nvidiaSmi, "nvidiaSmi is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(timeout, "timeout is null");
        if (nvidiaSmi.isBlank()) {
            throw new IllegalArgumentException("NVIDIA_SMI must name the nvidia-smi executable");
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("GPU_MONITOR_INTERVAL must be at least 1s: " + interval);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException(
                    "GPU_MONITOR_TIMEOUT must be positive and no longer than GPU_MONITOR_INTERVAL: " + timeout);
        }
    }
}
