package dev.facerec.ml.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuMonitorTest {
    @TempDir
    Path dir;

    @Test
    void looksAgainEveryIntervalAndTellsTheListeners() throws Exception {
        Path count = dir.resolve("count");
        Path tool = script("echo x >> " + count + "\necho '" + NvidiaSmiTest.H100 + "'");
        List<GpuSnapshot> seen = new CopyOnWriteArrayList<>();

        try (GpuMonitor monitor = monitor(tool, Duration.ofMillis(100))) {
            assertThat(monitor.latest().state()).isEqualTo(GpuSnapshot.State.PENDING);
            monitor.onSnapshot(seen::add);
            monitor.start();
            awaitLooks(count, 3);

            assertThat(monitor.latest().state()).isEqualTo(GpuSnapshot.State.OK);
            assertThat(monitor.latest().devices()).hasSize(1);
        }
        assertThat(seen)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(s -> assertThat(s.state()).isEqualTo(GpuSnapshot.State.OK));
    }

    @Test
    void aFailingToolIsTriedAgainAndItsRecoveryIsSeen() throws Exception {
        Path count = dir.resolve("count");
        Path healthy = dir.resolve("healthy");
        // Fails until the file "healthy" exists, as a driver does until it is reloaded.
        Path tool = script("echo x >> " + count + "\n[ -f " + healthy + " ] || { echo 'driver gone'; exit 9; }\necho '"
                + NvidiaSmiTest.H100 + "'");

        try (GpuMonitor monitor = monitor(tool, Duration.ofMillis(100))) {
            monitor.start();
            awaitLooks(count, 2);
            assertThat(monitor.latest().state()).isEqualTo(GpuSnapshot.State.FAILED);

            Files.createFile(healthy);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (monitor.latest().state() != GpuSnapshot.State.OK && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(monitor.latest().state()).isEqualTo(GpuSnapshot.State.OK);
        }
    }

    @Test
    void aMachineWithoutTheToolIsLookedAtOnce() throws Exception {
        Path missing = dir.resolve("no-such-nvidia-smi");
        List<GpuSnapshot> seen = new CopyOnWriteArrayList<>();

        try (GpuMonitor monitor = monitor(missing, Duration.ofMillis(20))) {
            monitor.onSnapshot(seen::add);
            monitor.start();
            Thread.sleep(500);

            assertThat(monitor.latest().state()).isEqualTo(GpuSnapshot.State.ABSENT);
        }
        assertThat(seen).as("nothing to watch: no second look").hasSize(1);
    }

    private static GpuMonitor monitor(Path tool, Duration interval) {
        return new GpuMonitor(
                new NvidiaSmi(tool.toString(), Duration.ofSeconds(5), Clock.systemUTC()), interval, Clock.systemUTC());
    }

    private static void awaitLooks(Path count, int looks) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(count) && Files.readAllLines(count).size() >= looks) {
                Thread.sleep(50); // the look that wrote the line finishes
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + looks + " looks in 10 s");
    }

    private Path script(String body) throws Exception {
        Path file = Files.createTempFile(dir, "nvidia-smi", ".sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
