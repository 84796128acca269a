package dev.facerec.ml.gpu;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * One GPU as the driver reports it at one moment. Values a GPU does not report (some boards and MIG slices answer
 * {@code [N/A]} for utilisation or temperature) are empty rather than zero, so a dashboard shows a gap, not a lie.
 *
 * @param index the driver's device index, as in {@code CUDA_VISIBLE_DEVICES}
 * @param name the board, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param memoryUsedBytes device memory in use by every process on the GPU, not only this service
 * @param memoryTotalBytes device memory in all
 * @param utilization fraction of the last sample period in which a kernel ran, 0 to 1
 * @param temperatureCelsius core temperature
 * @param driverVersion the kernel driver's version
 */
public record GpuDevice(
        int index,
        String name,
        long memoryUsedBytes,
        long memoryTotalBytes,
        OptionalDouble utilization,
        OptionalDouble temperatureCelsius,
        String driverVersion) {
    public GpuDevice {
        requireNonNull(name, "name is null");
        requireNonNull(utilization, "utilization is null");
        requireNonNull(temperatureCelsius, "temperatureCelsius is null");
        requireNonNull(driverVersion, "driverVersion is null");
        if (index < 0 || memoryUsedBytes < 0 || memoryTotalBytes < 0) {
            throw new IllegalArgumentException("negative GPU reading for device " + index);
        }
    }

    /** Fraction of device memory in use, 0 to 1 (0 when the total is unknown). */
    public double memoryUsedRatio() {
        return memoryTotalBytes == 0 ? 0 : (double) memoryUsedBytes / memoryTotalBytes;
    }
}
