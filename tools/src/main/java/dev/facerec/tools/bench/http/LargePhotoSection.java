package dev.facerec.tools.bench.http;

import static java.util.Objects.requireNonNull;

import dev.facerec.tools.bench.BenchmarkPhotos.Photo;
import dev.facerec.tools.bench.OpenCvReference;
import dev.facerec.tools.bench.OpenCvReference.Decode;
import dev.facerec.tools.bench.OpenCvReference.EncodedRun;
import dev.facerec.tools.bench.TextTable;
import dev.facerec.tools.bench.Timings;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Large JPEGs one request at a time over HTTP, {@code POST /api/v1/faces/detect} and {@code POST /api/v1/identify},
 * with OpenCV's reference on the same photos in this process ({@code imdecode} full and reduced, resize,
 * {@code FaceDetectorYN}). Each round sends every photo through every step; the order of the steps rotates from round
 * to round, so that load from elsewhere on the machine hits all of them alike. Every request uploads a fresh copy of
 * the photo ({@link FreshUpload}), so the embedding cache never answers.
 */
final class LargePhotoSection {
    private final ServiceClient http;
    private final String gallery;
    private final Optional<OpenCvReference> openCv;
    private final int maxSide;

    /**
     * @param openCv the reference detector, or empty to leave OpenCV out
     * @param maxSide the longest side the service detects at ({@code DETECTION_MAX_SIDE}), OpenCV's resize target
     */
    LargePhotoSection(ServiceClient http, String gallery, Optional<OpenCvReference> openCv, int maxSide) {
        this.http = requireNonNull(http, "http is null");
        this.gallery = requireNonNull(gallery, "gallery is null");
        this.openCv = requireNonNull(openCv, "openCv is null");
        this.maxSide = maxSide;
    }

    /**
     * One photo's figures.
     *
     * @param reduced the coarsest reduced decode that still covers what detection looks at: OpenCV's best case
     * @param sameAnswer whether the original file and a fresh copy got the same faces from {@code /detect}
     */
    record Figures(
            String photo,
            int width,
            int height,
            int detectedFaces,
            int identifiedFaces,
            Timings detect,
            Timings identify,
            Map<Decode, Timings> openCv,
            Map<Decode, Timings> openCvDecode,
            Map<Decode, Integer> openCvFaces,
            Decode reduced,
            boolean sameAnswer) {
        /** Our {@code /detect} median over OpenCV's reduced decode + resize + detect median. */
        double ratioToReduced() {
            Timings reference = openCv.get(reduced);
            return reference == null ? Double.NaN : detect.median() / reference.median();
        }
    }

    List<Figures> run(List<Photo> photos, int warmUp, int repeats) throws Exception {
        List<Measured> measured = new ArrayList<>();
        for (Photo photo : photos) {
            measured.add(first(photo));
        }
        for (int round = 0; round < warmUp + repeats; round++) {
            boolean counted = round >= warmUp;
            for (Measured photo : measured) {
                List<Step> steps = photo.steps(counted);
                Collections.rotate(steps, round);
                for (Step step : steps) {
                    step.run();
                }
            }
        }
        return measured.stream().map(Measured::figures).toList();
    }

    /** The original file once through {@code /detect}, then a fresh copy: both answers must name the same faces. */
    private Measured first(Photo photo) throws Exception {
        JsonNode original = Answers.json(http.postImage("/api/v1/faces/detect", photo.bytes()), 200);
        JsonNode copy = Answers.json(http.postImage("/api/v1/faces/detect", FreshUpload.next(photo.bytes())), 200);
        int width = original.path("imageWidth").asInt();
        int height = original.path("imageHeight").asInt();
        List<Decode> modes = new ArrayList<>();
        int longSide = Math.max(width, height);
        for (Decode mode : Decode.values()) {
            if (mode.factor() <= 2 || Decode.covers(mode, longSide, maxSide)) {
                modes.add(mode);
            }
        }
        return new Measured(
                photo,
                width,
                height,
                original.path("faces").size(),
                original.path("faces").equals(copy.path("faces")),
                openCv.isPresent() ? modes : List.of(),
                Decode.coarsestCovering(longSide, maxSide));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** The timings of one photo as they accumulate. */
    private final class Measured {
        final Photo photo;
        final int width;
        final int height;
        final int detectedFaces;
        final boolean sameAnswer;
        final List<Decode> modes;
        final Decode reduced;
        final Timings detect = new Timings();
        final Timings identify = new Timings();
        final Map<Decode, Timings> openCvTotal = new EnumMap<>(Decode.class);
        final Map<Decode, Timings> openCvDecode = new EnumMap<>(Decode.class);
        final Map<Decode, Integer> openCvFaces = new EnumMap<>(Decode.class);
        int identifiedFaces;

        Measured(
                Photo photo,
                int width,
                int height,
                int detectedFaces,
                boolean sameAnswer,
                List<Decode> modes,
                Decode reduced) {
            this.photo = photo;
            this.width = width;
            this.height = height;
            this.detectedFaces = detectedFaces;
            this.sameAnswer = sameAnswer;
            this.modes = modes;
            this.reduced = reduced;
            modes.forEach(mode -> {
                openCvTotal.put(mode, new Timings());
                openCvDecode.put(mode, new Timings());
            });
        }

        List<Step> steps(boolean counted) {
            List<Step> steps = new ArrayList<>();
            steps.add(() -> timed("/api/v1/faces/detect", counted ? detect : null));
            steps.add(
                    () -> identifiedFaces = timed("/api/v1/identify", counted ? identify : null, "galleryId", gallery));
            for (Decode mode : modes) {
                steps.add(() -> {
                    EncodedRun run = openCv.orElseThrow().detectEncoded(photo.bytes(), mode, maxSide);
                    if (counted) {
                        openCvTotal.get(mode).addNanos(run.totalNanos());
                        openCvDecode.get(mode).addNanos(run.decodeNanos());
                        openCvFaces.put(mode, run.faces());
                    }
                });
            }
            return steps;
        }

        private int timed(String path, Timings into, String... fields) throws Exception {
            byte[] upload = FreshUpload.next(photo.bytes());
            long started = System.nanoTime();
            HttpResponse<String> answer = http.postImage(path, upload, fields);
            long took = System.nanoTime() - started;
            int faces = Answers.faces(answer);
            if (into != null) {
                into.addNanos(took);
            }
            return faces;
        }

        Figures figures() {
            return new Figures(
                    photo.name(),
                    width,
                    height,
                    detectedFaces,
                    identifiedFaces,
                    detect,
                    identify,
                    openCvTotal,
                    openCvDecode,
                    openCvFaces,
                    reduced,
                    sameAnswer);
        }
    }

    static void print(List<Figures> figures, boolean withOpenCv, int maxSide, PrintStream out) {
        TextTable table = new TextTable(
                "photo",
                "size px",
                "faces: detect/identify/OpenCV",
                "/detect p50/p95 ms",
                "/identify p50/p95 ms",
                "OpenCV full p50/p95 ms (decode p50)",
                "OpenCV 1/2 p50/p95 ms (decode p50)",
                "OpenCV 1/4 p50/p95 ms (decode p50)",
                "/detect / OpenCV reduced");
        for (Figures f : figures) {
            table.row(
                    f.photo(),
                    f.width() + "x" + f.height(),
                    f.detectedFaces() + "/" + f.identifiedFaces() + "/"
                            + f.openCvFaces().getOrDefault(f.reduced(), -1),
                    f.detect().medianAndP95(),
                    f.identify().medianAndP95(),
                    openCvCell(f, Decode.FULL),
                    openCvCell(f, Decode.REDUCED_2),
                    openCvCell(f, Decode.REDUCED_4),
                    withOpenCv
                            ? String.format(
                                    Locale.ROOT,
                                    "%.2fx (1/%d)",
                                    f.ratioToReduced(),
                                    f.reduced().factor())
                            : "-");
        }
        table.print(out);
        out.println("each request a fresh upload: the same JPEG with a COM segment holding a serial number after its"
                + " APPn segments (another SHA-256, the same pixels); original and fresh copy got the same faces from"
                + " /detect: "
                + (figures.stream().allMatch(Figures::sameAnswer) ? "yes" : "NO"));
        out.println("OpenCV (in this process, no HTTP): imdecode, resize to a long side of at most " + maxSide
                + " px (INTER_AREA beyond 2x, else INTER_LINEAR), one FaceDetectorYN pass; 1/4 only where it still covers"
                + " " + maxSide + " px; 'reduced' = the coarsest reduced decode that does (1/2 where none does)");
        out.println("ours: the whole request over HTTP on localhost (multipart upload, auth, decode, two detector"
                + " passes for large photos; identify also embeds and searches the gallery)");
    }

    private static String openCvCell(Figures figures, Decode mode) {
        Timings total = figures.openCv().get(mode);
        if (total == null) {
            return "-";
        }
        return total.medianAndP95() + " ("
                + Timings.format(figures.openCvDecode().get(mode).median()) + ")";
    }
}
