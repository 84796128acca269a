package dev.facerec.ml.gpu;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one look at the GPUs found: the devices, or why there are none to show.
 *
 * @param state {@link State#PENDING} before the first look, {@link State#OK} with the devices, {@link State#ABSENT} where this machine has no NVIDIA driver
 *     tool (no GPU, the normal case on CPU servers), {@link State#FAILED} where the tool is there but did not answer
 *     properly (a hung or crashed driver, which is worth an alert)
 * @param devices the GPUs, empty unless the state is OK
 * @param problem why the state is not OK, for operators; never a path with secrets
 * @param takenAt when the look began
 * @param took how long it took
 */
public record GpuSnapshot(
        State state, List<GpuDevice> devices, Optional<String> problem, Instant takenAt, Duration took) {
    public enum State {
        /** Not looked at yet: the first look runs in the background after start-up. */
        PENDING,
        OK,
        ABSENT,
        FAILED
    }

    public GpuSnapshot {
        requireNonNull(state, "state is null");
        devices = List.copyOf(devices);
        requireNonNull(problem, "problem is null");
        requireNonNull(takenAt, "takenAt is null");
        requireNonNull(took, "took is null");
        if (state != State.OK && !devices.isEmpty()) {
            throw new IllegalArgumentException("devices are only known in an OK snapshot");
        }
        if (state != State.OK && problem.isEmpty()) {
            throw new IllegalArgumentException("a snapshot that is not OK says why");
        }
    }

    static GpuSnapshot ok(List<GpuDevice> devices, Instant takenAt, Duration took) {
        return new GpuSnapshot(State.OK, devices, Optional.empty(), takenAt, took);
    }

    static GpuSnapshot absent(String why, Instant takenAt, Duration took) {
        return new GpuSnapshot(State.ABSENT, List.of(), Optional.of(why), takenAt, took);
    }

    static GpuSnapshot failed(String why, Instant takenAt, Duration took) {
        return new GpuSnapshot(State.FAILED, List.of(), Optional.of(why), takenAt, took);
    }

    /** Before the first look. */
    public static GpuSnapshot notYetTaken(Instant now) {
        return new GpuSnapshot(State.PENDING, List.of(), Optional.of("not looked at yet"), now, Duration.ZERO);
    }
}
