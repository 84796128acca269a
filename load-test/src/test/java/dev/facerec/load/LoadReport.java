package dev.facerec.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The closing summary of a load test run: per endpoint of the steady phase, per step of the step-up, the heap after
 * GC and where the service saturated; from the files the simulations and scripts/load-test.sh wrote into the run
 * folder. Exits 1 when the steady phase had errors or shed requests (it is meant to run below saturation).
 *
 * <pre>LoadReport RUN_DIR</pre>
 */
public final class LoadReport {
    private static final double MEBIBYTE = 1024.0 * 1024.0;

    private final Path runDir;
    private final PrintStream out;

    LoadReport(Path runDir, PrintStream out) {
        this.runDir = runDir;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LoadReport RUN_DIR");
        }
        boolean clean = new LoadReport(Path.of(args[0]), System.out).print();
        System.exit(clean ? 0 : 1);
    }

    /** A line of results-*.tsv, by column name. */
    record Row(Map<String, String> values) {
        String text(String column) {
            return values.getOrDefault(column, "");
        }

        long number(String column) {
            String value = text(column);
            return value.isEmpty() ? 0 : Long.parseLong(value);
        }

        double arrivals() {
            return Double.parseDouble(text("arrivals_per_s"));
        }

        double answersPerSecond() {
            return (number("ok") + number("refused")) / (double) Math.max(1, number("seconds"));
        }

        double sentPerSecond() {
            return number("sent") / (double) Math.max(1, number("seconds"));
        }
    }

    static List<Row> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.getFirst().split("\t", -1);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < header.length && i < fields.length; i++) {
                values.put(header[i], fields[i]);
            }
            rows.add(new Row(values));
        }
        return rows;
    }

    /** Prints the summary; true when the steady phase had no error, shed or unanswered request. */
    boolean print() throws IOException {
        Properties setup = LoadSettings.read(runDir.resolve(LoadSettings.SETUP_FILE));
        out.printf(
                "%nfacerec load test: %s people enrolled before the load, HEIC %s, AVIF %s; %d cores here%n",
                setup.getProperty("enrolled"),
                Boolean.parseBoolean(setup.getProperty("heic")) ? "in the mix" : "not read by the service",
                Boolean.parseBoolean(setup.getProperty("avif")) ? "in the mix" : "not read by the service",
                Runtime.getRuntime().availableProcessors());

        List<Row> steady = read(runDir.resolve("results-steady.tsv"));
        boolean clean = true;
        if (!steady.isEmpty()) {
            Row all = steady.stream()
                    .filter(row -> row.text("endpoint").equals("ALL"))
                    .findFirst()
                    .orElseThrow();
            out.printf(
                    "%nSteady phase: %s arrivals/s for %d s: %.1f requests/s sent, %.1f answered/s%n",
                    all.text("arrivals_per_s"), all.number("seconds"), all.sentPerSecond(), all.answersPerSecond());
            endpointTable(steady);
            out.printf(
                    "p95 of every answer: %s ms; %s%n",
                    all.text("all_p95_ms"),
                    Boolean.parseBoolean(all.text("saturated"))
                            ? "saturated by the step-up's measure (see below)"
                            : "below saturation by the step-up's measure");
            long failed = all.number("shed") + all.number("error") + all.number("unanswered");
            clean = failed == 0;
            out.printf(
                    "Errors: %d, shed with 503: %d, unanswered: %d%s%n",
                    all.number("error"),
                    all.number("shed"),
                    all.number("unanswered"),
                    clean ? "" : "  <- the steady phase should have none: lower LOAD_RATE, or look at the statuses");
        }

        List<Row> stepUp = read(runDir.resolve("results-stepup.tsv")).stream()
                .filter(row -> row.text("endpoint").equals("ALL"))
                .toList();
        if (!stepUp.isEmpty()) {
            stepTable(stepUp);
        }
        heap();
        loadGenerator();
        reports();
        return clean;
    }

    private void endpointTable(List<Row> rows) {
        String format = "  %-22s %7s %7s %7s %9s %7s %9s %8s %8s %8s %8s%n";
        out.printf(
                format,
                "endpoint",
                "sent",
                "ok",
                "refused",
                "shed 503",
                "errors",
                "answers/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "max ms");
        for (Row row : rows) {
            out.printf(
                    format,
                    row.text("endpoint").equals("ALL") ? "all" : row.text("endpoint"),
                    row.text("sent"),
                    row.text("ok"),
                    row.text("refused"),
                    row.text("shed"),
                    row.number("error") + row.number("unanswered"),
                    "%.2f".formatted(row.answersPerSecond()),
                    row.text("p50_ms"),
                    row.text("p95_ms"),
                    row.text("p99_ms"),
                    row.text("max_ms"));
        }
        out.println("  (latencies of the answered requests: ok and refused; refused = 422 for a photo without a"
                + " usable face)");
        rows.stream()
                .filter(row -> !row.text("endpoint").equals("ALL"))
                .forEach(row -> out.printf("  statuses, %s: %s%n", row.text("endpoint"), row.text("statuses")));
    }

    private void stepTable(List<Row> steps) {
        out.printf("%nStep-up (requests attributed to the step they were sent in):%n");
        String format = "  %10s %5s %6s %9s %7s %9s %7s %10s %9s %8s %8s %8s %10s %9s%n";
        out.printf(
                format,
                "arrivals/s",
                "s",
                "sent",
                "sent/s",
                "ok",
                "shed 503",
                "errors",
                "unanswered",
                "answers/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "p95 all ms",
                "saturated");
        Row lastGood = null;
        Row firstSaturated = null;
        for (Row step : steps) {
            boolean saturated = Boolean.parseBoolean(step.text("saturated"));
            out.printf(
                    format,
                    step.text("arrivals_per_s"),
                    step.text("seconds"),
                    step.text("sent"),
                    "%.1f".formatted(step.sentPerSecond()),
                    step.number("ok") + step.number("refused"),
                    step.text("shed"),
                    step.text("error"),
                    step.text("unanswered"),
                    "%.2f".formatted(step.answersPerSecond()),
                    step.text("p50_ms"),
                    step.text("p95_ms"),
                    step.text("p99_ms"),
                    step.text("all_p95_ms"),
                    saturated ? "yes" : "no");
            if (saturated && firstSaturated == null) {
                firstSaturated = step;
            }
            if (!saturated && firstSaturated == null) {
                lastGood = step;
            }
        }
        if (firstSaturated == null) {
            out.printf(
                    "Not saturated up to %s arrivals/s: raise LOAD_STEPS or LOAD_STEP to find the limit%n",
                    steps.getLast().text("arrivals_per_s"));
        } else {
            out.printf(
                    "Saturates at %s arrivals/s (%.1f requests/s sent: %s shed with 503, %s errors,"
                            + " p95 of all %s ms)%n",
                    firstSaturated.text("arrivals_per_s"),
                    firstSaturated.sentPerSecond(),
                    firstSaturated.text("shed"),
                    firstSaturated.text("error"),
                    firstSaturated.text("all_p95_ms"));
            out.println(
                    lastGood == null
                            ? "No step below saturation: lower LOAD_RATE"
                            : "Highest step below saturation: %s arrivals/s, %.2f answers/s, p95 %s ms"
                                    .formatted(
                                            lastGood.text("arrivals_per_s"),
                                            lastGood.answersPerSecond(),
                                            lastGood.text("p95_ms")));
        }
        out.println("  (saturated: more than 1% shed or failed, or more than 5% slower than LOAD_P95_LIMIT_MS)");
    }

    private void heap() throws IOException {
        Path file = runDir.resolve("heap.tsv");
        if (!Files.exists(file)) {
            return;
        }
        out.printf("%nHeap in use after a full GC (jcmd GC.run, then jvm_memory_used_bytes{area=\"heap\"}):%n");
        List<String> lines = Files.readAllLines(file);
        long first = -1;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            long bytes = Long.parseLong(fields[1]);
            first = first < 0 ? bytes : first;
            out.printf(
                    "  %-24s %8.1f MiB%s%n",
                    fields[0],
                    bytes / MEBIBYTE,
                    bytes == first ? "" : " (%+.1f MiB)".formatted((bytes - first) / MEBIBYTE));
        }
    }

    private void loadGenerator() throws IOException {
        List<String> lines = Files.exists(runDir.resolve("loadgen.tsv"))
                ? Files.readAllLines(runDir.resolve("loadgen.tsv"))
                : List.of();
        if (lines.size() < 2) {
            return;
        }
        out.printf("%nGatling's own CPU on this machine (it shares the cores with the service):%n");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            double wall = Double.parseDouble(fields[1]);
            double cpu = Double.parseDouble(fields[2]) + Double.parseDouble(fields[3]);
            out.printf(
                    "  %-24s %6.0f CPU s in %5.0f s: %.2f cores on average%n",
                    fields[0], cpu, wall, cpu / Math.max(1, wall));
        }
    }

    private void reports() throws IOException {
        Path file = runDir.resolve("reports.properties");
        if (!Files.exists(file)) {
            return;
        }
        out.printf("%nGatling's HTML reports:%n");
        Properties reports = LoadSettings.read(file);
        for (String simulation : List.of("SteadyLoadSimulation", "StepUpSimulation")) {
            String dir = reports.getProperty(simulation);
            if (dir != null) {
                out.printf("  %s/index.html%n", dir);
            }
        }
        out.printf("Run folder (service log, Gatling's console output, the tallies): %s%n", runDir);
    }
}
