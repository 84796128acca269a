package dev.facerec.tools.bench.http;

import dev.facerec.tools.bench.Timings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code make bench-jobs}: does a bulk enrolment job leave interactive requests their latency? A command that prints
 * figures, not a test. Against the service jar as {@code make run} starts it, it enrols the first photo of up to
 * {@code --people} lfw-dev people with two photos, then sends their second photos to {@code POST /api/v1/identify}
 * one at a time: twice unmeasured to warm the service up, then idle, then while a job enrols {@code --job-photos}
 * lfw-dev photos into another gallery, then idle again. Every identify is a fresh upload ({@link FreshUpload}), so
 * none is answered from the embedding cache. It prints p50/p95 of each phase, the ratio of the job phase's p95 to the
 * lower of the two idle p95s (issue 17 asks for at most 2), and the job's own rate.
 *
 * <p>Arguments: {@code --data <lfw-dev folder> --models <folder> --people 150 --job-photos 2000 --jar
 * api/target/facerec.jar --java-opts '<JAVA_OPTS>'}.
 */
public final class JobFairnessBenchmark {
    private static final List<String> UNFINISHED = List.of("QUEUED", "RUNNING");

    private JobFairnessBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("../shared/data/lfw-dev");
        String models = "../shared/models";
        String jar = "api/target/facerec.jar";
        String javaOptions = ServiceUnderTest.MAKE_RUN_JAVA_OPTIONS;
        int people = 150;
        int jobPhotos = 2000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--models" -> models = args[i + 1];
                case "--people" -> people = Integer.parseInt(args[i + 1]);
                case "--job-photos" -> jobPhotos = Integer.parseInt(args[i + 1]);
                case "--jar" -> jar = args[i + 1];
                case "--java-opts" -> javaOptions = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path images = data.resolve("images");
        try (ServiceUnderTest service =
                ServiceUnderTest.start(jar, models, javaOptions, Map.of("JOBS_POLL_INTERVAL", "500ms"))) {
            ServiceClient http = service.http();
            LfwGallery gallery = LfwGallery.enrol(http, images, people);
            run(http, gallery, LfwArchive.of(images, jobPhotos));
        }
    }

    private static void run(ServiceClient http, LfwGallery gallery, LfwArchive archive) throws Exception {
        List<byte[]> probes = gallery.probes();
        // Warm-up, not measured: the JIT compiles the identify path, so the idle phase before the job is as warm as
        // the one after it, and the ratio compares the job with a warm service, not with a cold one.
        Timings warmUp = new Timings();
        for (int round = 0; round < 2; round++) {
            for (byte[] probe : probes) {
                identify(http, gallery.id(), probe, warmUp);
            }
        }
        Timings before = new Timings();
        for (byte[] probe : probes) {
            identify(http, gallery.id(), probe, before);
        }

        long submitted = System.nanoTime();
        String job = archive.submit(http, "bench-jobs");
        JsonNode state = awaitStarted(http, job);
        Timings during = new Timings();
        for (int i = 0; UNFINISHED.contains(state.path("state").asString()); i++) {
            identify(http, gallery.id(), probes.get(i % probes.size()), during);
            if (i % 10 == 9) {
                state = Answers.json(http.getText("/api/v1/jobs/" + job), 200);
            }
        }
        double jobSeconds = (System.nanoTime() - submitted) / 1e9;
        state = Answers.json(http.getText("/api/v1/jobs/" + job), 200);

        Timings after = new Timings();
        for (byte[] probe : probes) {
            identify(http, gallery.id(), probe, after);
        }
        print(gallery, archive, state, jobSeconds, before, during, after);
    }

    private static void identify(ServiceClient http, String gallery, byte[] probe, Timings into)
            throws IOException, InterruptedException {
        byte[] fresh = FreshUpload.next(probe);
        long start = System.nanoTime();
        var answer = http.postImage(Duration.ofMinutes(1), "/api/v1/identify", fresh, "galleryId", gallery);
        into.addNanos(System.nanoTime() - start);
        Answers.json(answer, 200);
    }

    private static JsonNode awaitStarted(ServiceClient http, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode state = Answers.json(http.getText("/api/v1/jobs/" + job), 200);
            if (!state.path("state").asString().equals("QUEUED")) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the job did not start within 2 minutes");
    }

    private static void print(
            LfwGallery gallery,
            LfwArchive archive,
            JsonNode job,
            double jobSeconds,
            Timings before,
            Timings during,
            Timings after) {
        System.out.printf(
                Locale.ROOT,
                "Java %s, %d cores; embedded default; identify against %d people; job of %d photos (%.1f MB) into"
                        + " another gallery: %s, %d enrolled, %d refused, %.1f photos/s by the job's own count, %.1f s"
                        + " from upload to finish%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                gallery.enrolled(),
                archive.photos(),
                archive.bytes().length / 1e6,
                job.path("state").asString(),
                job.path("enrolled").asInt(),
                job.path("refused").asInt(),
                job.path("photosPerSecond").asDouble(),
                jobSeconds);
        System.out.printf(
                Locale.ROOT, "%-44s %8s %8s %6s%n", "identify, one at a time, fresh upload", "p50 ms", "p95 ms", "n");
        row("idle, before the job", before);
        row("while the job runs", during);
        row("idle, after the job", after);
        double idle = Math.min(before.p95(), after.p95());
        System.out.printf(
                Locale.ROOT,
                "p95 while the job runs / the lower idle p95: %.2f (issue 17 asks for at most 2); / p95 idle before:"
                        + " %.2f, / p95 idle after: %.2f%n",
                during.p95() / idle,
                during.p95() / before.p95(),
                during.p95() / after.p95());
    }

    private static void row(String label, Timings timings) {
        System.out.printf(
                Locale.ROOT, "%-44s %8.1f %8.1f %6d%n", label, timings.median(), timings.p95(), timings.count());
    }
}
