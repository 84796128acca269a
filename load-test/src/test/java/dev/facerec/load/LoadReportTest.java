package dev.facerec.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadReportTest {
    private static final long T0 = 1_000_000;

    @Test
    void aCleanSteadyPhaseAndAStepUpThatSaturates(@TempDir Path run) throws IOException {
        writeSetup(run);
        Outcomes steady = new Outcomes(60_000, 3000);
        for (int i = 0; i < 60; i++) {
            steady.completed(steady.sent("detect lfw", T0 + i * 1000L), 200, null, 40, T0 + i * 1000L + 40);
        }
        steady.write(run, "steady", step -> 1, T0 + 60_000);
        Outcomes stepUp = new Outcomes(30_000, 3000);
        stepUp.completed(stepUp.sent("detect lfw", T0), 200, null, 40, T0 + 40);
        stepUp.completed(stepUp.sent("detect lfw", T0 + 30_000), 503, "UNAVAILABLE", 2000, T0 + 32_000);
        stepUp.write(run, "stepup", step -> 3 + 2 * step, T0 + 60_000);
        Files.write(run.resolve("heap.tsv"), List.of("when\tbytes", "start\t52428800", "after\t53477376"));
        Files.write(run.resolve("loadgen.tsv"), List.of("simulation\twall\tuser\tsys", "Steady\t60.0\t3.0\t0.6"));

        String summary = summary(run, true);
        assertTrue(summary.contains("Errors: 0, shed with 503: 0, unanswered: 0"), summary);
        assertTrue(summary.contains("Saturates at 5 arrivals/s"), summary);
        assertTrue(summary.contains("Highest step below saturation: 3 arrivals/s"), summary);
        assertTrue(summary.contains("(+1.0 MiB)"), summary);
        assertTrue(summary.contains("0.06 cores on average"), summary);
    }

    @Test
    void sheddingInTheSteadyPhaseFailsTheRun(@TempDir Path run) throws IOException {
        writeSetup(run);
        Outcomes steady = new Outcomes(60_000, 3000);
        steady.completed(steady.sent("identify lfw", T0), 200, null, 40, T0 + 40);
        steady.completed(steady.sent("identify lfw", T0 + 1), 503, "REQUEST_TIMEOUT", 30_000, T0 + 30_001);
        steady.write(run, "steady", step -> 1, T0 + 60_000);

        String summary = summary(run, false);
        assertTrue(summary.contains("shed with 503: 1"), summary);
        assertTrue(summary.contains("503 REQUEST_TIMEOUT:1"), summary);
    }

    private static void writeSetup(Path run) throws IOException {
        Files.write(run.resolve(LoadSettings.SETUP_FILE), List.of("enrolled=10", "heic=false", "avif=false"));
    }

    private static String summary(Path run, boolean clean) throws IOException {
        var bytes = new ByteArrayOutputStream();
        boolean result = new LoadReport(run, new PrintStream(bytes, true, StandardCharsets.UTF_8)).print();
        String summary = bytes.toString(StandardCharsets.UTF_8);
        if (clean) {
            assertTrue(result, summary);
        } else {
            assertFalse(result, summary);
        }
        return summary;
    }
}
