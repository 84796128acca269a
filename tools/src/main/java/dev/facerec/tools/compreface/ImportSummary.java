package dev.facerec.tools.compreface;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What an import came to, counted as it goes and printed at the end. */
final class ImportSummary {
    private static final int EXAMPLES_PER_REASON = 5;

    int subjects;
    int personsCreated;
    long images;
    long imported;
    long importedEarlier;
    private final Map<String, List<String>> skipped = new TreeMap<>();
    private final Map<String, List<String>> failed = new TreeMap<>();

    /** An image left out because there is nothing to import (the source kept no image). */
    void skip(String reason, String imageId) {
        skipped.computeIfAbsent(reason, r -> new ArrayList<>()).add(imageId);
    }

    /** An image that could not be imported: {@code reason} groups them (NO_FACE, MULTIPLE_FACES, ...). */
    void fail(String reason, String imageId) {
        failed.computeIfAbsent(reason, r -> new ArrayList<>()).add(imageId);
    }

    long skippedCount() {
        return count(skipped);
    }

    long failedCount() {
        return count(failed);
    }

    Map<String, List<String>> failures() {
        return failed;
    }

    void print(PrintStream out, Duration took, Path state) {
        out.println("import-compreface: done in " + Progress.duration(took));
        out.printf("  subjects:  %d (%d persons created, the others found in the gallery)%n", subjects, personsCreated);
        out.printf("  images:    %d%n", images);
        out.printf(
                "  imported:  %d (%d by this run, %d by earlier runs)%n",
                imported + importedEarlier, imported, importedEarlier);
        out.printf("  skipped:   %d%n", skippedCount());
        print(out, skipped);
        out.printf("  failed:    %d%n", failedCount());
        print(out, failed);
        out.println("  state:     " + state + " (every image with its face id or reason; run again to retry failures)");
    }

    private static void print(PrintStream out, Map<String, List<String>> reasons) {
        reasons.forEach((reason, ids) -> out.printf(
                "    %-40s %d, e.g. %s%n",
                reason, ids.size(), String.join(", ", ids.subList(0, Math.min(ids.size(), EXAMPLES_PER_REASON)))));
    }

    private static long count(Map<String, List<String>> reasons) {
        return reasons.values().stream().mapToLong(List::size).sum();
    }
}
