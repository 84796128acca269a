package dev.facerec.tools.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.image.heif.HeifAvailability;
import dev.facerec.ml.image.heif.HeifCodec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Times HEIC/AVIF decoding through {@link HeifCodec}, single-threaded: wall time and the process's CPU time per decode
 * (libheif decodes on its own threads, so the caller's thread time would miss most of it), then, with
 * {@code --models}, the service's decode + detect path on the same photo. Prints the load average too, since the
 * figures mean little on a busy machine.
 *
 * <p>{@code HeifDecodeBenchmark --data <shared data dir> [--models <models dir>] [--runs N] [file ...]}; the files are
 * names within {@code heic-avif/}, by default the 12.6 MP HEIC.
 */
final class HeifDecodeBenchmark {
    private static final long LIMIT = 40_000_000L;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private HeifDecodeBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path data = null;
        Path models = null;
        int runs = 10;
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--models" -> models = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> files.add(args[i]);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("usage: HeifDecodeBenchmark --data <dir> [--models <dir>] [--runs N]");
        }
        if (files.isEmpty()) {
            files.add("deepface_img49_4352x2903.heic");
        }
        if (!(HeifCodec.shared() instanceof HeifAvailability.Available available)) {
            System.out.println("libheif " + HeifCodec.status());
            return;
        }
        HeifCodec codec = available.codec();
        FaceEngine engine = models == null ? null : FaceEngine.start(MlConfig.defaults(models));
        System.out.printf(
                Locale.ROOT,
                "%s, %d runs after 2 warm-up runs, load average before: %s%n",
                HeifCodec.status(),
                runs,
                loadAverage());
        for (String file : files) {
            byte[] bytes = Files.readAllBytes(data.resolve("heic-avif").resolve(file));
            Timings wall = new Timings();
            Timings cpu = new Timings();
            DecodedImage image = null;
            for (int run = -2; run < runs; run++) {
                long cpuStart = OS.getProcessCpuTime();
                long start = System.nanoTime();
                image = codec.decode(bytes, LIMIT);
                if (run >= 0) {
                    wall.addNanos(System.nanoTime() - start);
                    cpu.addNanos(OS.getProcessCpuTime() - cpuStart);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-36s %s  HeifCodec.decode p50 %s ms (min %s), process CPU p50 %s ms%n",
                    file,
                    image,
                    Timings.format(wall.median()),
                    Timings.format(wall.percentile(0)),
                    Timings.format(cpu.median()));
            if (engine != null) {
                Timings path = new Timings();
                int faces = 0;
                for (int run = -2; run < runs; run++) {
                    long start = System.nanoTime();
                    List<DetectedFace> found =
                            engine.detector().detect(engine.decoder().decode(bytes));
                    if (run >= 0) {
                        path.addNanos(System.nanoTime() - start);
                    }
                    faces = found.size();
                }
                System.out.printf(
                        Locale.ROOT,
                        "%-36s decode + detect (%d faces) p50 %s ms (min %s)%n",
                        file,
                        faces,
                        Timings.format(path.median()),
                        Timings.format(path.percentile(0)));
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        if (engine != null) {
            engine.close();
        }
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).strip() : "unknown";
    }
}
