package dev.facerec.ml.gpu;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the GPUs through the NVIDIA driver's own tool, {@code nvidia-smi}, in its stable machine-readable query form.
 * The tool comes with every driver and inside GPU containers (the NVIDIA Container Toolkit mounts it), so nothing
 * else has to be installed, and a driver that hangs shows up as a query that does not answer in time: the process is
 * killed at the deadline and the snapshot says so.
 */
public final class NvidiaSmi {
    /** The fields asked for, in the order {@link #parse} reads them. */
    static final String FIELDS = "index,name,memory.used,memory.total,utilization.gpu,temperature.gpu,driver_version";

    private static final long MIB = 1024L * 1024L;
    private static final int OUTPUT_LIMIT = 64 * 1024;

    private final List<String> command;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param executable {@code nvidia-smi} (looked up on the PATH) or a full path
     * @param timeout how long one query may take before it is killed and counted as failed
     */
    public NvidiaSmi(String executable, Duration timeout, Clock clock) {
        requireNonNull(executable, "executable is null");
        if (executable.isBlank()) {
            throw new IllegalArgumentException("the nvidia-smi executable is blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.command = List.of(executable, "--query-gpu=" + FIELDS, "--format=csv,noheader,nounits");
        this.timeout = timeout;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One look at the GPUs; never throws for anything the machine does. */
    public GpuSnapshot query() {
        Instant started = clock.instant();
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            // No driver tool: a CPU-only machine, or a container started without GPU access.
            return GpuSnapshot.absent(
                    command.getFirst() + " is not installed or not on the PATH", started, since(start));
        }
        try (InputStream output = process.getInputStream()) {
            // Read on the side, so that a tool writing more than the pipe holds cannot block its own exit.
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(
                    () -> readAtMost(output),
                    runnable -> Thread.ofVirtual().name("nvidia-smi-output").start(runnable));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // Reaped here, so that a tool that hangs at every interval leaves no processes behind.
                process.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
                return GpuSnapshot.failed(
                        "nvidia-smi did not answer within " + timeout.toMillis() + " ms (a hung driver or GPU)",
                        started,
                        since(start));
            }
            String text = new String(read.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                return GpuSnapshot.failed(
                        "nvidia-smi exited with " + process.exitValue() + ": " + firstLine(text),
                        started,
                        since(start));
            }
            return GpuSnapshot.ok(parse(text), started, since(start));
        } catch (IllegalArgumentException e) {
            return GpuSnapshot.failed(
                    "nvidia-smi answered something unexpected: " + e.getMessage(), started, since(start));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return GpuSnapshot.failed("interrupted while reading the GPUs", started, since(start));
        } catch (IOException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            return GpuSnapshot.failed("nvidia-smi output could not be read: " + e, started, since(start));
        }
    }

    /**
     * The GPUs in {@code --format=csv,noheader,nounits} output of {@link #FIELDS}, one line per GPU.
     *
     * @throws IllegalArgumentException where a line is not such a row
     */
    static List<GpuDevice> parse(String output) {
        List<GpuDevice> devices = new ArrayList<>();
        for (String line : output.strip().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 7) {
                throw new IllegalArgumentException("expected 7 fields, got " + cells.length + " in: " + clip(line));
            }
            devices.add(new GpuDevice(
                    integer(cells[0], "index"),
                    cells[1].strip(),
                    mebibytes(cells[2], "memory.used"),
                    mebibytes(cells[3], "memory.total"),
                    optional(cells[4]).stream().map(percent -> percent / 100.0).findFirst(),
                    optional(cells[5]),
                    cells[6].strip()));
        }
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no GPU listed");
        }
        return devices;
    }

    private static int integer(String cell, String field) {
        try {
            return Integer.parseInt(cell.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: " + clip(cell));
        }
    }

    private static long mebibytes(String cell, String field) {
        OptionalDouble value = optional(cell);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is not reported: " + clip(cell));
        }
        return Math.round(value.getAsDouble() * MIB);
    }

    /** A number, or empty for the tool's {@code [N/A]} and {@code [Not Supported]}. */
    private static OptionalDouble optional(String cell) {
        String value = cell.strip();
        if (value.startsWith("[") || value.equalsIgnoreCase("N/A")) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + clip(cell));
        }
    }

    private static byte[] readAtMost(InputStream input) {
        try {
            return input.readNBytes(OUTPUT_LIMIT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int end = stripped.indexOf('\n');
        return clip(end < 0 ? stripped : stripped.substring(0, end));
    }

    private static String clip(String text) {
        String flat = text.strip().replaceAll("\\p{Cntrl}", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "...";
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "nvidia-smi(%s, timeout %d ms)", command.getFirst(), timeout.toMillis());
    }
}
