package dev.facerec.tools.bench.http;

import dev.facerec.tools.bench.Timings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code make bench-identify-http}: end-to-end identify over HTTP against the service jar started as {@code make run}
 * starts it (embedded database, local image folder, in-process cache, the real models), a command that prints
 * figures, not a test. It enrolls the first photo of up to {@code --people} lfw-dev people with at least two photos
 * through the API, then sends each one's second photo to {@code POST /api/v1/identify}, one request at a time, and
 * prints p50/p95 beside two references from the same run and the same photos: {@code POST /api/v1/faces/detect} (the
 * same HTTP, security and decoding path without embedding and search) and the same identify again (answered from the
 * embedding cache, so the difference is the embedding).
 *
 * <p>Arguments: {@code --data <lfw-dev folder> --models <folder> --people 200 --jar api/target/facerec.jar
 * --java-opts '<JAVA_OPTS>'}.
 */
public final class IdentifyHttpBenchmark {
    private IdentifyHttpBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("../shared/data/lfw-dev");
        String models = "../shared/models";
        String jar = "api/target/facerec.jar";
        String javaOptions = ServiceUnderTest.MAKE_RUN_JAVA_OPTIONS;
        int people = 200;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--models" -> models = args[i + 1];
                case "--people" -> people = Integer.parseInt(args[i + 1]);
                case "--jar" -> jar = args[i + 1];
                case "--java-opts" -> javaOptions = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (ServiceUnderTest service = ServiceUnderTest.start(jar, models, javaOptions, Map.of())) {
            run(service.http(), LfwGallery.enrol(service.http(), data.resolve("images"), people));
        }
    }

    private static void run(ServiceClient http, LfwGallery gallery) throws Exception {
        List<byte[]> probes = gallery.probes();
        // Warm-up: the JIT and the first model runs, on photos that are not measured.
        for (int i = 0; i < 20; i++) {
            http.postImage("/api/v1/faces/detect", probes.get(i % probes.size()));
        }
        Timings detect = new Timings();
        Timings identify = new Timings();
        Timings cached = new Timings();
        int matched = 0;
        for (byte[] probe : probes) {
            timed(detect, http, "/api/v1/faces/detect", probe);
        }
        for (byte[] probe : probes) {
            JsonNode faces = timed(identify, http, "/api/v1/identify", probe, "galleryId", gallery.id())
                    .path("faces");
            matched += faces.size() > 0 && faces.get(0).path("match").isObject() ? 1 : 0;
        }
        for (byte[] probe : probes) {
            timed(cached, http, "/api/v1/identify", probe, "galleryId", gallery.id());
        }
        System.out.printf(
                Locale.ROOT,
                "Java %s, %d cores; embedded default (H2, local images, in-process cache); %d of %d people enrolled in"
                        + " %.1f s (%.0f ms each, refused: no single usable face or quality)%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                gallery.enrolled(),
                gallery.attempted(),
                gallery.seconds(),
                1000 * gallery.seconds() / gallery.attempted());
        System.out.printf(
                Locale.ROOT, "%-48s %8s %8s %6s%n", "request, one at a time, 250x250 photo", "p50 ms", "p95 ms", "n");
        row("POST /api/v1/identify (new photo)", identify);
        row("  reference: POST /api/v1/faces/detect", detect);
        row("  reference: identify, same photo again (cached)", cached);
        System.out.printf(
                Locale.ROOT, "identify matched %d of %d queries of enrolled people%n", matched, probes.size());
    }

    private static JsonNode timed(Timings into, ServiceClient http, String path, byte[] photo, String... fields)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.postImage(path, photo, fields);
        into.addNanos(System.nanoTime() - start);
        return Answers.json(answer, 200);
    }

    private static void row(String label, Timings timings) {
        System.out.printf(
                Locale.ROOT, "%-48s %8.1f %8.1f %6d%n", label, timings.median(), timings.p95(), timings.count());
    }
}
