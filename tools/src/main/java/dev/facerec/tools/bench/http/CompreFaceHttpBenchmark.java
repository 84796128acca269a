package dev.facerec.tools.bench.http;

import dev.facerec.tools.bench.TextTable;
import dev.facerec.tools.bench.ThroughputBenchmark;
import dev.facerec.tools.bench.Timings;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code make bench-compreface}: CompreFace's recognize beside facerec's own identify, over HTTP, against the service
 * jar started as {@code make run} starts it; a command that prints figures, not a test. It enrolls the first photo of
 * up to {@code --people} lfw-dev people through facerec's API, creates an OPERATOR key bound to that gallery, and sends
 * each enrolled person's second photo (250x250) to {@code POST /api/v1/identify} (multipart {@code image},
 * {@code galleryId}; at its default limit and at {@code limit=1}) and to {@code POST /api/v1/recognition/recognize}
 * (multipart {@code file}, no options, as Home Assistant sends it), all with that key in {@code x-api-key}, so that
 * the difference is the front door and not the credentials. Every request is a fresh upload ({@link FreshUpload}): the
 * embedding cache never answers.
 *
 * <p>One at a time, the requests take turns photo by photo, a different one first on each photo. With concurrent
 * clients each runs in phases of {@code --seconds}, {@code --rounds} phases each, taking turns, so that all see the
 * same machine (which other work may share).
 *
 * <p>Arguments: {@code --data <lfw-dev folder> --models <folder> --people 300 --clients 4 --seconds 10 --rounds 3
 * --jar api/target/facerec.jar --java-opts '<JAVA_OPTS>'}.
 */
public final class CompreFaceHttpBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private CompreFaceHttpBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("../shared/data/lfw-dev");
        String models = "../shared/models";
        String jar = "api/target/facerec.jar";
        String javaOptions = ServiceUnderTest.MAKE_RUN_JAVA_OPTIONS;
        int people = 300;
        int clients = 4;
        double seconds = 10;
        int rounds = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--models" -> models = args[i + 1];
                case "--people" -> people = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--jar" -> jar = args[i + 1];
                case "--java-opts" -> javaOptions = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (ServiceUnderTest service = ServiceUnderTest.start(jar, models, javaOptions, Map.of())) {
            ServiceClient administrator = service.http();
            LfwGallery gallery = LfwGallery.enrol(administrator, data.resolve("images"), people);
            List<Request> requests =
                    requests(administrator.withApiKey(boundKey(administrator, gallery.id())), gallery.id());
            PrintStream out = System.out;
            out.printf(
                    Locale.ROOT,
                    "Java %s, %d cores; embedded default (H2, local images, in-process cache); %d of %d people"
                            + " enrolled in %.1f s; one OPERATOR key bound to the gallery for every request%n",
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors(),
                    gallery.enrolled(),
                    gallery.attempted(),
                    gallery.seconds());
            warmUp(requests, gallery.probes());
            sequential(requests, gallery.probes(), out);
            concurrent(requests, gallery.probes(), clients, seconds, rounds, out);
        }
    }

    /** A key bound to the gallery, role OPERATOR: what a former CompreFace recognition service becomes. */
    private static String boundKey(ServiceClient administrator, String gallery) throws Exception {
        String body = "{\"name\":\"compreface-bench\",\"role\":\"OPERATOR\",\"galleryId\":\"" + gallery + "\"}";
        return Answers.json(administrator.postJson("/api/v1/api-keys", body), 201)
                .path("key")
                .asString();
    }

    /**
     * What one request answered for the photo's largest face: the nearest person or subject, and whether the service
     * (identify's match) or the client's rule (similarity 0.8, the standard operating point) accepts it.
     */
    private record Answer(String top, boolean accepted) {}

    /** One kind of request, sent on a fresh copy of each photo. */
    private record Request(String label, Call call) {}

    @FunctionalInterface
    private interface Call {
        Answer send(byte[] photo) throws Exception;
    }

    /**
     * Identify as a native client sends it (the default limit, {@value dev.facerec.core.usecase.IdentifyFaces#DEFAULT_LIMIT} candidates, each
     * looked up), identify with {@code limit=1} (the work recognize does with CompreFace's default {@code
     * prediction_count=1}), and recognize as Home Assistant sends it.
     */
    private static List<Request> requests(ServiceClient http, String gallery) {
        return List.of(
                new Request(
                        "POST /api/v1/identify (default limit)",
                        photo -> identify(http, gallery, photo, new String[0])),
                new Request(
                        "POST /api/v1/identify, limit=1",
                        photo -> identify(http, gallery, photo, new String[] {"limit", "1"})),
                new Request("POST /api/v1/recognition/recognize", photo -> recognize(http, photo)));
    }

    private static Answer identify(ServiceClient http, String gallery, byte[] photo, String[] more) throws Exception {
        String[] fields = new String[2 + more.length];
        fields[0] = "galleryId";
        fields[1] = gallery;
        System.arraycopy(more, 0, fields, 2, more.length);
        HttpResponse<String> answer =
                http.postFile(TIMEOUT, "/api/v1/identify", "image", FreshUpload.next(photo), fields);
        // identify lists faces in the detector's order, recognize largest first: compare the same face.
        JsonNode face = largest(Answers.json(answer, 200).path("faces"));
        return new Answer(
                face.path("candidates").path(0).path("name").asString(""),
                face.path("match").isObject());
    }

    private static JsonNode largest(JsonNode faces) {
        JsonNode largest = faces.path(0);
        for (JsonNode face : faces) {
            if (area(face) > area(largest)) {
                largest = face;
            }
        }
        return largest;
    }

    private static double area(JsonNode face) {
        return face.path("box").path("width").asDouble(0)
                * face.path("box").path("height").asDouble(0);
    }

    private static Answer recognize(ServiceClient http, byte[] photo) throws Exception {
        HttpResponse<String> answer =
                http.postFile(TIMEOUT, "/api/v1/recognition/recognize", "file", FreshUpload.next(photo));
        JsonNode top = Answers.json(answer, 200)
                .path("result")
                .path(0)
                .path("subjects")
                .path(0);
        return new Answer(
                top.path("subject").asString(""), top.path("similarity").asDouble(0) >= 0.8);
    }

    /** The JIT and the first model runs, on requests that are not measured. */
    private static void warmUp(List<Request> requests, List<byte[]> probes) throws Exception {
        for (int i = 0; i < 30; i++) {
            for (Request request : requests) {
                request.call().send(probes.get(i % probes.size()));
            }
        }
    }

    /** Every photo to every request, one at a time, the first request of each photo turning round. */
    private static void sequential(List<Request> requests, List<byte[]> probes, PrintStream out) throws Exception {
        int kinds = requests.size();
        List<Timings> timings = new ArrayList<>();
        int[] accepted = new int[kinds];
        int[] sameTop = new int[kinds];
        for (int k = 0; k < kinds; k++) {
            timings.add(new Timings());
        }
        for (int i = 0; i < probes.size(); i++) {
            Answer[] answers = new Answer[kinds];
            for (int j = 0; j < kinds; j++) {
                int k = (i + j) % kinds;
                long start = System.nanoTime();
                answers[k] = requests.get(k).call().send(probes.get(i));
                timings.get(k).addNanos(System.nanoTime() - start);
            }
            for (int k = 0; k < kinds; k++) {
                accepted[k] += answers[k].accepted() ? 1 : 0;
                sameTop[k] += answers[k].top().equalsIgnoreCase(answers[kinds - 1].top()) ? 1 : 0;
            }
        }
        out.println();
        out.println("One client, one request at a time, taking turns photo by photo (250x250 LFW, fresh uploads)");
        // One at a time, the rate is the inverse of the mean latency.
        double[] perSecond = timings.stream().mapToDouble(t -> 1000 / t.mean()).toArray();
        print(requests, timings, perSecond, out);
        for (int k = 0; k < kinds - 1; k++) {
            out.printf(
                    Locale.ROOT,
                    "answers: %s had recognize's top subject as its nearest person for %d of %d photos and matched"
                            + " %d (its threshold rises with the gallery's size); recognize's top subject reached"
                            + " similarity 0.8 for %d%n",
                    requests.get(k).label(),
                    sameTop[k],
                    probes.size(),
                    accepted[k],
                    accepted[kinds - 1]);
        }
    }

    /** Each request in phases of {@code seconds} with {@code clients} at once, the first of each round turning round. */
    private static void concurrent(
            List<Request> requests, List<byte[]> probes, int clients, double seconds, int rounds, PrintStream out)
            throws InterruptedException {
        int kinds = requests.size();
        List<Phases> phases = new ArrayList<>();
        List<ThroughputBenchmark<byte[]>> loads = new ArrayList<>();
        for (Request request : requests) {
            phases.add(new Phases());
            loads.add(new ThroughputBenchmark<>(probes, photo -> {
                request.call().send(photo);
                return 1;
            }));
        }
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < kinds; j++) {
                int k = (round + j) % kinds;
                phases.get(k).add(loads.get(k).run(clients, seconds));
            }
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "%d concurrent clients, phases of %.0f s taking turns, %d per request (fresh uploads)%n",
                clients,
                seconds,
                rounds);
        print(
                requests,
                phases.stream().map(phase -> phase.latency).toList(),
                phases.stream().mapToDouble(Phases::perSecond).toArray(),
                out);
        for (int k = 0; k < kinds; k++) {
            if (phases.get(k).failures > 0) {
                out.printf(
                        Locale.ROOT,
                        "failures of %s: %d, first kinds: %s%n",
                        requests.get(k).label(),
                        phases.get(k).failures,
                        phases.get(k).samples);
            }
        }
    }

    /** The table, then recognize (the last request) against each of the others. */
    private static void print(List<Request> requests, List<Timings> timings, double[] perSecond, PrintStream out) {
        TextTable table = new TextTable("request", "n", "p50 ms", "p95 ms", "mean ms", "requests/s");
        for (int k = 0; k < requests.size(); k++) {
            Timings t = timings.get(k);
            table.row(
                    requests.get(k).label(),
                    t.count(),
                    Timings.format(t.median()),
                    Timings.format(t.p95()),
                    Timings.format(t.mean()),
                    String.format(Locale.ROOT, "%.2f", perSecond[k]));
        }
        table.print(out);
        int last = requests.size() - 1;
        Timings recognize = timings.get(last);
        for (int k = 0; k < last; k++) {
            Timings identify = timings.get(k);
            out.printf(
                    Locale.ROOT,
                    "recognize / %s: p50 %.3f, p95 %.3f, mean %.3f, throughput %.3f (target: latency at most 1.10)%n",
                    requests.get(k).label(),
                    recognize.median() / identify.median(),
                    recognize.p95() / identify.p95(),
                    recognize.mean() / identify.mean(),
                    perSecond[last] / perSecond[k]);
        }
    }

    /** The phases of one endpoint added up. */
    private static final class Phases {
        private final Timings latency = new Timings();
        private int requests;
        private double wallSeconds;
        private int failures;
        private final Set<String> samples = new LinkedHashSet<>();

        void add(ThroughputBenchmark.Result result) {
            latency.addAll(result.latency());
            requests += result.photos();
            wallSeconds += result.wallSeconds();
            failures += result.failures();
            samples.addAll(result.failureSamples());
        }

        double perSecond() {
            return requests / wallSeconds;
        }
    }
}
