package dev.facerec.tools.compreface;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * {@code make import-compreface}: copies a CompreFace recognition service's subjects and example images into a
 * facerec gallery, through both services' REST APIs. Resumable (see {@link ImportState}); progress on stderr, the
 * summary on stdout.
 *
 * <p>Exit status: 0 when every image was imported (or had nothing to import), 2 when some images failed (the summary
 * and the state file say which and why), 1 when the import could not go on (bad options, a refused key, a service
 * that does not answer).
 */
public final class CompreFaceImport {
    private CompreFaceImport() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(ImportOptions.parse(args, System.getenv(), System.err), System.out, System.err));
    }

    static int run(ImportOptions options, PrintStream out, PrintStream err) throws InterruptedException {
        if (options == null) {
            return 1;
        }
        long started = System.nanoTime();
        var http = new RetryingHttp(
                options.connectTimeout(), options.requestTimeout(), options.attempts(), options.firstBackoff());
        var source = new CompreFaceSource(http, options.sourceUrl(), options.sourceKey());
        var target = new FacerecTarget(http, options.facerecUrl(), options.facerecKey());
        try {
            UUID galleryId = target.gallery(options.gallery());
            Path statePath = options.state() != null ? options.state() : defaultState(options.sourceUrl(), galleryId);
            err.println("import-compreface: from " + options.sourceUrl() + " into gallery " + galleryId + " at "
                    + options.facerecUrl() + "; state " + statePath);
            try (ImportState state = ImportState.open(statePath, options.sourceUrl(), galleryId)) {
                if (state.importedCount() > 0) {
                    err.println("import-compreface: resuming; " + state.importedCount()
                            + " images were imported by earlier runs and are skipped");
                }
                var progress = new Progress(err, System::nanoTime, Duration.ofSeconds(2));
                ImportSummary summary =
                        new Importer(source, target, progress, err, options.pageSize()).run(galleryId, state);
                summary.print(out, Duration.ofNanos(System.nanoTime() - started), statePath);
                return summary.failedCount() == 0 ? 0 : 2;
            }
        } catch (ImportFailure | IOException e) {
            err.println("import-compreface: stopped: " + e.getMessage());
            err.println("import-compreface: what was done is kept; run the same command again to continue");
            return 1;
        }
    }

    /** {@code data/compreface-import/<hash of source and gallery>.tsv}: one file per source and gallery. */
    static Path defaultState(String sourceUrl, UUID galleryId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((CompreFaceSource.stripTrailingSlash(sourceUrl) + "\n" + galleryId).getBytes(UTF_8));
            return Path.of("data", "compreface-import", HexFormat.of().formatHex(digest, 0, 8) + ".tsv");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The environment's keys, never taken from the command line where {@code ps} would show them. */
    static String secret(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
