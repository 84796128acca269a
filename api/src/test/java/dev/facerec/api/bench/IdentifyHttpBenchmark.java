package dev.facerec.api.bench;

import dev.facerec.api.TestHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make bench-identify-http}: end-to-end identify over HTTP against the service jar started as {@code make run}
 * starts it (embedded database, local image folder, in-process cache, the real models), a command that prints
 * figures, not a test. It enrolls the first photo of up to {@code --people} lfw-dev people with at least two photos through the API,
 * then sends each one's second photo to {@code POST /api/v1/identify}, one request at a time, and prints p50/p95
 * beside two references from the same run and the same photos: {@code POST /api/v1/faces/detect} (the same HTTP,
 * security and decoding path without embedding and search) and the same identify again (answered from the embedding
 * cache, so the difference is the embedding).
 *
 * <p>Arguments: {@code --data <lfw-dev folder> --models <folder> --people 200 --jar api/target/facerec.jar}.
 */
public final class IdentifyHttpBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IdentifyHttpBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("../shared/data/lfw-dev");
        String models = "../shared/models";
        String jar = "api/target/facerec.jar";
        int people = 200;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--models" -> models = args[i + 1];
                case "--people" -> people = Integer.parseInt(args[i + 1]);
                case "--jar" -> jar = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Path[]> pairs = pairs(data.resolve("images"), people);
        Path work = Files.createTempDirectory("facerec-bench-http");
        int port = freePort();
        ProcessBuilder service = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--add-modules",
                        "jdk.incubator.vector",
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile());
        service.environment()
                .putAll(Map.of(
                        "SERVER_PORT",
                        Integer.toString(port),
                        "MANAGEMENT_PORT",
                        Integer.toString(freePort()),
                        "FACEREC_DATA_DIR",
                        work.resolve("data").toString(),
                        "FACE_MODELS_DIR",
                        models,
                        "FACEREC_ADMIN_PASSWORD",
                        TestHttp.ADMIN_PASSWORD,
                        "RATE_LIMIT_PER_MINUTE",
                        "1000000",
                        "RATE_LIMIT_PER_ADDRESS_PER_MINUTE",
                        "1000000"));
        Process process = service.start();
        try {
            awaitReady(port, process, work.resolve("service.log"));
            run(new TestHttp(port), pairs);
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted((a, b) -> b.compareTo(a))
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void awaitReady(int port, Process process, Path log) throws Exception {
        TestHttp http = TestHttp.anonymous(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the service exited with " + process.exitValue() + "; its log:\n" + Files.readString(log));
            }
            try {
                if (http.getText("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within 180 s; its log:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(TestHttp http, List<Path[]> pairs) throws Exception {
        String gallery = json(http.postJson("/api/v1/galleries", "{\"name\":\"bench\"}"), 201)
                .path("id")
                .asString();
        List<byte[]> probes = new ArrayList<>();
        int enrolled = 0;
        long enrolStart = System.nanoTime();
        for (Path[] pair : pairs) {
            String name = pair[0].getParent().getFileName().toString();
            String person = json(
                            http.postJson(
                                    "/api/v1/persons", "{\"name\":\"" + name + "\",\"galleryId\":\"" + gallery + "\"}"),
                            201)
                    .path("id")
                    .asString();
            HttpResponse<String> face =
                    http.postImage("/api/v1/persons/" + person + "/faces", Files.readAllBytes(pair[0]));
            if (face.statusCode() == 201) {
                enrolled++;
                probes.add(Files.readAllBytes(pair[1]));
            }
        }
        double enrolSeconds = (System.nanoTime() - enrolStart) / 1e9;
        // Warm-up: the JIT and the first model runs, on photos that are not measured.
        for (int i = 0; i < 20; i++) {
            http.postImage("/api/v1/faces/detect", probes.get(i % probes.size()));
        }
        long[] detect = new long[probes.size()];
        long[] identify = new long[probes.size()];
        long[] cached = new long[probes.size()];
        int matched = 0;
        for (int i = 0; i < probes.size(); i++) {
            detect[i] = timed(http, "/api/v1/faces/detect", probes.get(i));
        }
        for (int i = 0; i < probes.size(); i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = http.postImage("/api/v1/identify", probes.get(i), "galleryId", gallery);
            identify[i] = System.nanoTime() - start;
            JsonNode faces = json(answer, 200).path("faces");
            matched += faces.size() > 0 && faces.get(0).path("match").isObject() ? 1 : 0;
        }
        for (int i = 0; i < probes.size(); i++) {
            cached[i] = timedIdentify(http, probes.get(i), gallery);
        }
        System.out.printf(
                Locale.ROOT,
                "Java %s, %d cores; embedded default (H2, local images, in-process cache); %d of %d people enrolled in"
                        + " %.1f s (%.0f ms each, refused: no single usable face or quality)%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                enrolled,
                pairs.size(),
                enrolSeconds,
                1000 * enrolSeconds / pairs.size());
        System.out.printf(
                Locale.ROOT, "%-48s %8s %8s %6s%n", "request, one at a time, 250x250 photo", "p50 ms", "p95 ms", "n");
        row("POST /api/v1/identify (new photo)", identify);
        row("  reference: POST /api/v1/faces/detect", detect);
        row("  reference: identify, same photo again (cached)", cached);
        System.out.printf(
                Locale.ROOT, "identify matched %d of %d queries of enrolled people%n", matched, probes.size());
    }

    private static long timed(TestHttp http, String path, byte[] photo) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.postImage(path, photo);
        long took = System.nanoTime() - start;
        json(answer, 200);
        return took;
    }

    private static long timedIdentify(TestHttp http, byte[] photo, String gallery)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> answer = http.postImage("/api/v1/identify", photo, "galleryId", gallery);
        long took = System.nanoTime() - start;
        json(answer, 200);
        return took;
    }

    private static void row(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2] / 1e6;
        double p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)] / 1e6;
        System.out.printf(Locale.ROOT, "%-48s %8.1f %8.1f %6d%n", label, p50, p95, sorted.length);
    }

    /** The first two photos of each person with at least two, by name, up to {@code limit} people. */
    private static List<Path[]> pairs(Path images, int limit) throws IOException {
        List<Path[]> pairs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(images)) {
            for (Path folder : folders.sorted().toList()) {
                if (pairs.size() >= limit) {
                    break;
                }
                try (Stream<Path> photos = Files.list(folder)) {
                    List<Path> sorted = photos.sorted().toList();
                    if (sorted.size() >= 2) {
                        pairs.add(new Path[] {sorted.get(0), sorted.get(1)});
                    }
                }
            }
        }
        return pairs;
    }

    private static JsonNode json(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
