package dev.facerec.tools.bench.http;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code make bench-import}: how fast a bulk enrolment job enrols lfw-dev, and optionally how fast a model migration
 * then re-embeds the gallery. A command that prints figures, not a test. Against the service jar as {@code make run}
 * starts it (fresh data folder, {@code JOBS_CONCURRENCY=1}), it uploads lfw-dev's photos (a folder per person) as one
 * job into a new gallery, waits for it to end, and prints the job's own rate (photos/s, as {@code GET /api/v1/jobs/{id}}
 * reports it), the time from the start of the upload to the end, the counts and the service's CPU time. With {@code
 * --migrate <pack>} it then migrates every face to that pack and prints the pass's faces/s.
 *
 * <p>The deployment is the embedded default unless {@code --env KEY=VALUE} (repeatable) points the service elsewhere,
 * e.g. {@code --env DATABASE_HOST=127.0.0.1 --env REDIS_HOST=127.0.0.1 --env S3_ENDPOINT=http://127.0.0.1:9000 ...}.
 *
 * <p>Arguments: {@code --data <lfw-dev folder> --models <folder> --jar api/target/facerec.jar --java-opts
 * '<JAVA_OPTS>' --photos <at most> --migrate <pack> --env KEY=VALUE}.
 */
public final class ImportBenchmark {
    private static final List<String> UNFINISHED = List.of("QUEUED", "RUNNING");
    private static final List<String> MIGRATION_UNFINISHED = List.of("running");

    private ImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("../shared/data/lfw-dev");
        String models = "../shared/models";
        String jar = "api/target/facerec.jar";
        String javaOptions = ServiceUnderTest.MAKE_RUN_JAVA_OPTIONS;
        int photos = Integer.MAX_VALUE;
        String migrate = null;
        Map<String, String> environment = new HashMap<>(Map.of("JOBS_CONCURRENCY", "1", "JOBS_POLL_INTERVAL", "500ms"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--models" -> models = args[i + 1];
                case "--jar" -> jar = args[i + 1];
                case "--java-opts" -> javaOptions = args[i + 1];
                case "--photos" -> photos = Integer.parseInt(args[i + 1]);
                case "--migrate" -> migrate = args[i + 1];
                case "--env" -> {
                    String[] pair = args[i + 1].split("=", 2);
                    if (pair.length != 2 || pair[0].isBlank()) {
                        throw new IllegalArgumentException("--env takes KEY=VALUE: " + args[i + 1]);
                    }
                    environment.put(pair[0], pair[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LfwArchive archive = LfwArchive.of(data.resolve("images"), photos);
        double loadBefore = load();
        try (ServiceUnderTest service = ServiceUnderTest.start(jar, models, javaOptions, environment)) {
            ServiceClient http = service.http();
            Duration cpuBefore = cpu(service);
            Job job = importArchive(http, archive);
            Duration cpuAfter = cpu(service);
            System.out.printf(
                    Locale.ROOT,
                    "Java %s, %d cores; deployment: %s; one job of %d photos (%.1f MB ZIP)%n",
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors(),
                    deployment(environment),
                    archive.photos(),
                    archive.bytes().length / 1e6);
            System.out.printf(
                    Locale.ROOT,
                    "job: %s, %d enrolled, %d refused, %d duplicate; %.1f photos/s by the job's own count; %.1f s from"
                            + " the start of the upload to the end; service CPU %.0f s (%.1f ms a photo)%n",
                    job.state().path("state").asString(),
                    job.state().path("enrolled").asInt(),
                    job.state().path("refused").asInt(),
                    job.state().path("duplicate").asInt(),
                    job.state().path("photosPerSecond").asDouble(),
                    job.seconds(),
                    cpuAfter.minus(cpuBefore).toMillis() / 1e3,
                    cpuAfter.minus(cpuBefore).toMillis() / (double) archive.photos());
            if (migrate != null) {
                migrate(http, migrate);
            }
            System.out.printf(
                    Locale.ROOT,
                    "system load average (1 min): %.1f before, %.1f at the end (other work on the machine skews every"
                            + " figure)%n",
                    loadBefore,
                    load());
        }
    }

    private record Job(JsonNode state, double seconds) {}

    private static Job importArchive(ServiceClient http, LfwArchive archive) throws Exception {
        long started = System.nanoTime();
        String id = archive.submit(http, "bench-import");
        JsonNode state = Answers.json(http.getText("/api/v1/jobs/" + id), 200);
        while (UNFINISHED.contains(state.path("state").asString())) {
            Thread.sleep(250);
            state = Answers.json(http.getText("/api/v1/jobs/" + id), 200);
        }
        return new Job(state, (System.nanoTime() - started) / 1e9);
    }

    private static void migrate(ServiceClient http, String pack) throws Exception {
        long started = System.nanoTime();
        JsonNode state =
                Answers.json(http.postJson("/api/v1/admin/model-migrations", "{\"recognizer\":\"" + pack + "\"}"), 202);
        while (MIGRATION_UNFINISHED.contains(state.path("state").asString())) {
            Thread.sleep(500);
            state = Answers.json(http.getText("/api/v1/admin/model-migrations"), 200);
        }
        System.out.printf(
                Locale.ROOT,
                "migration %s -> %s: %s, %d of %d faces, %d failed; %.1f faces/s by the pass's own count; %.1f s from"
                        + " the start to the end%n",
                state.path("sourceModel").asString(),
                state.path("targetModel").asString(),
                state.path("state").asString(),
                state.path("done").asLong(),
                state.path("total").asLong(),
                state.path("failed").asLong(),
                state.path("facesPerSecond").asDouble(),
                (System.nanoTime() - started) / 1e9);
    }

    private static String deployment(Map<String, String> environment) {
        String database = environment.containsKey("DATABASE_HOST") ? "PostgreSQL" : "H2 (embedded)";
        String images = environment.containsKey("S3_ENDPOINT") ? "S3" : "local image folder";
        String cache = environment.containsKey("REDIS_HOST") ? "Redis" : "in-process cache";
        return database + ", " + images + ", " + cache;
    }

    private static Duration cpu(ServiceUnderTest service) {
        return ProcessHandle.of(service.pid())
                .flatMap(process -> process.info().totalCpuDuration())
                .orElse(Duration.ZERO);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
