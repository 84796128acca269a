package dev.facerec.ml.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query against stand-in {@code nvidia-smi} programs (real processes), whose output is what the driver's tool
 * printed on an H100 (driver 580.159.04) for the same query, so the parser reads the real format. The query itself
 * was run against the real tool on that machine with {@code make gpu-report} (dev.facerec.tools.eval.GpuReport).
 */
class NvidiaSmiTest {
    /** {@code nvidia-smi --query-gpu=<FIELDS> --format=csv,noheader,nounits} on an idle H100. */
    static final String H100 = "0, NVIDIA H100 80GB HBM3, 0, 81559, 0, 35, 580.159.04";

    @TempDir
    Path dir;

    @Test
    void readsTheDevicesAndAsksForTheFieldsItParses() throws Exception {
        Path args = dir.resolve("args");
        Path tool = script("printf '%s\\n' \"$@\" > " + args + "\necho '" + H100 + "'");

        GpuSnapshot snapshot = smi(tool, Duration.ofSeconds(5)).query();

        assertThat(snapshot.state()).isEqualTo(GpuSnapshot.State.OK);
        assertThat(snapshot.problem()).isEmpty();
        GpuDevice h100 = snapshot.devices().getFirst();
        assertThat(h100.index()).isZero();
        assertThat(h100.name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(h100.memoryUsedBytes()).isZero();
        assertThat(h100.memoryTotalBytes()).isEqualTo(81559L * 1024 * 1024);
        assertThat(h100.utilization()).hasValue(0.0);
        assertThat(h100.temperatureCelsius()).hasValue(35.0);
        assertThat(h100.driverVersion()).isEqualTo("580.159.04");
        assertThat(Files.readAllLines(args))
                .containsExactly("--query-gpu=" + NvidiaSmi.FIELDS, "--format=csv,noheader,nounits");
    }

    @Test
    void readsSeveralGpusAndLeavesWhatABoardDoesNotReportEmpty() {
        List<GpuDevice> devices = NvidiaSmi.parse("""
                0, NVIDIA A100-SXM4-40GB, 30123, 40960, 87, 61, 550.54.15
                1, NVIDIA A100-SXM4-40GB MIG 3g.20gb, 1024, 20096, [N/A], [Not Supported], 550.54.15
                """);

        assertThat(devices).hasSize(2);
        assertThat(devices.get(0).utilization()).hasValue(0.87);
        assertThat(devices.get(0).memoryUsedRatio())
                .isCloseTo(30123.0 / 40960, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(devices.get(1).index()).isEqualTo(1);
        assertThat(devices.get(1).utilization()).isEmpty();
        assertThat(devices.get(1).temperatureCelsius()).isEmpty();
    }

    @Test
    void refusesOutputThatIsNotTheQueriedTable() {
        assertThatThrownBy(() -> NvidiaSmi.parse("")).hasMessageContaining("no GPU");
        assertThatThrownBy(() -> NvidiaSmi.parse("0, H100, 1, 2")).hasMessageContaining("expected 7 fields, got 4");
        assertThatThrownBy(() -> NvidiaSmi.parse("0, H100, lots, 81559, 0, 35, 580"))
                .hasMessageContaining("not a number: lots");
        assertThatThrownBy(() -> NvidiaSmi.parse("0, H100, [N/A], 81559, 0, 35, 580"))
                .hasMessageContaining("memory.used is not reported");
    }

    @Test
    void aMachineWithoutTheToolHasNoGpuToShow() {
        GpuSnapshot snapshot =
                smi(dir.resolve("no-such-nvidia-smi"), Duration.ofSeconds(5)).query();

        assertThat(snapshot.state()).isEqualTo(GpuSnapshot.State.ABSENT);
        assertThat(snapshot.devices()).isEmpty();
        assertThat(snapshot.problem()).hasValueSatisfying(p -> assertThat(p).contains("not installed"));
    }

    @Test
    void aToolThatHangsIsKilledAtTheDeadlineAndReportedAsFailed() throws Exception {
        Path tool = script("exec sleep 30");

        long start = System.nanoTime();
        GpuSnapshot snapshot = smi(tool, Duration.ofMillis(300)).query();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(snapshot.state()).isEqualTo(GpuSnapshot.State.FAILED);
        assertThat(snapshot.problem()).hasValueSatisfying(p -> assertThat(p).contains("did not answer within 300 ms"));
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .count())
                .as("the hung tool is killed, not left behind")
                .isZero();
    }

    @Test
    void aDriverThatCannotBeReachedIsAFailureWithTheToolsOwnWords() throws Exception {
        Path tool = script(
                "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"\nexit 9");

        GpuSnapshot snapshot = smi(tool, Duration.ofSeconds(5)).query();

        assertThat(snapshot.state()).isEqualTo(GpuSnapshot.State.FAILED);
        assertThat(snapshot.problem())
                .hasValueSatisfying(p -> assertThat(p).startsWith("nvidia-smi exited with 9: NVIDIA-SMI has failed"));
    }

    @Test
    void garbageIsAFailureNotAnException() throws Exception {
        GpuSnapshot snapshot =
                smi(script("echo 'Segmentation fault'"), Duration.ofSeconds(5)).query();

        assertThat(snapshot.state()).isEqualTo(GpuSnapshot.State.FAILED);
        assertThat(snapshot.problem()).hasValueSatisfying(p -> assertThat(p).contains("unexpected"));
    }

    private static NvidiaSmi smi(Path tool, Duration timeout) {
        return new NvidiaSmi(tool.toString(), timeout, Clock.systemUTC());
    }

    private Path script(String body) throws Exception {
        Path file = Files.createTempFile(dir, "nvidia-smi", ".sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
