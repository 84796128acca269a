package dev.facerec.tools.bench;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.align.FaceAligner;
import dev.facerec.ml.embed.OnnxFaceEmbedder;
import dev.facerec.ml.pack.ModelPack;
import dev.facerec.tools.bench.BenchmarkPhotos.Photo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Times each stage of the pipeline separately on one photo: decode, detect, align (per face), embed at batch 1 (per
 * face), embed all faces of the photo in one call (or a batch-1 loop when the session takes no batches), and the
 * product's own path end to end. Each stage is called on its own, single-threaded, so the figures add up. A fused
 * recognizer has no single model to feed aligned faces: its align stage is part of its embed stages, which call the
 * whole embedder (every member aligns and infers).
 */
final class StageBenchmark {
    static final int FACE_FLOATS = 3 * FaceAligner.SIZE * FaceAligner.SIZE;

    private final FaceEngine engine;
    /** {@code null} for a fused recognizer. */
    private final OnnxFaceEmbedder embedder;

    private final FaceAligner aligner;
    private final boolean batches;

    /**
     * @param recognizer the recognizer pack the engine runs, for the aligner's normalisation and channel order
     * @param batches whether the recognizer session accepts a batch of several faces in one call
     */
    StageBenchmark(FaceEngine engine, ModelPack recognizer, boolean batches) {
        this.engine = requireNonNull(engine, "engine is null");
        this.embedder = engine.embedder() instanceof OnnxFaceEmbedder onnx ? onnx : null;
        ModelPack.InputSpec input = recognizer.input();
        this.aligner = input == null ? null : new FaceAligner(input.mean(), input.scale(), input.bgr());
        this.batches = batches;
    }

    /** Whether a recognizer session accepts two faces in one call; the failure message when it does not. */
    record BatchProbe(boolean accepted, String detail) {
        static BatchProbe of(FaceEngine engine) {
            if (!(engine.embedder() instanceof OnnxFaceEmbedder onnx)) {
                return new BatchProbe(false, "a fused pack: each member batches on its own");
            }
            try {
                int returned = onnx.embedAligned(new float[2 * FACE_FLOATS], 2).size();
                return new BatchProbe(returned == 2, "a batch of 2 returned " + returned + " embeddings");
            } catch (RuntimeException e) {
                String message =
                        String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
                return new BatchProbe(false, message.length() > 200 ? message.substring(0, 200) + "..." : message);
            }
        }
    }

    /** Accumulated figures of the photos measured into it. */
    static final class Stages {
        final Timings decode = new Timings();
        final Timings detect = new Timings();
        final Timings alignPerFace = new Timings();
        final Timings embedBatch1PerFace = new Timings();
        final Timings embedAllFaces = new Timings();
        final Timings endToEnd = new Timings();
        int photos;
        int faces;
        int photosWithoutFace;
        String size = "";
    }

    /**
     * Measures every stage once on {@code photo}.
     *
     * @param largestFaceOnly whether the end-to-end path embeds only the largest face (as a 1:1 comparison does) or
     *     every face (as a group photo search does)
     */
    void measure(Photo photo, Stages into, boolean largestFaceOnly) {
        long started = System.nanoTime();
        DecodedImage image = engine.decoder().decode(photo.bytes());
        long decoded = System.nanoTime();
        List<DetectedFace> faces = engine.detector().detect(image);
        long detected = System.nanoTime();
        into.decode.addNanos(decoded - started);
        into.detect.addNanos(detected - decoded);
        into.photos++;
        into.faces += faces.size();
        into.size = image.width() + "x" + image.height();
        if (faces.isEmpty()) {
            into.photosWithoutFace++;
        } else {
            measureEmbedding(image, faces, into);
        }
        into.endToEnd.addNanos(endToEnd(photo, largestFaceOnly));
    }

    private long endToEnd(Photo photo, boolean largestFaceOnly) {
        long started = System.nanoTime();
        DecodedImage image = engine.decoder().decode(photo.bytes());
        List<DetectedFace> faces = engine.detector().detect(image);
        engine.embedder().embed(image, largestFaceOnly ? largest(faces) : faces);
        return System.nanoTime() - started;
    }

    private void measureEmbedding(DecodedImage image, List<DetectedFace> faces, Stages into) {
        if (embedder == null) {
            for (DetectedFace face : faces) {
                long started = System.nanoTime();
                engine.embedder().embed(image, List.of(face));
                into.embedBatch1PerFace.addNanos(System.nanoTime() - started);
            }
            long started = System.nanoTime();
            engine.embedder().embed(image, faces);
            into.embedAllFaces.addNanos(System.nanoTime() - started);
            return;
        }
        float[] all = new float[faces.size() * FACE_FLOATS];
        for (int i = 0; i < faces.size(); i++) {
            long started = System.nanoTime();
            aligner.align(image, faces.get(i), all, i * FACE_FLOATS);
            into.alignPerFace.addNanos(System.nanoTime() - started);
        }
        long loop = 0;
        for (int i = 0; i < faces.size(); i++) {
            float[] one = Arrays.copyOfRange(all, i * FACE_FLOATS, (i + 1) * FACE_FLOATS);
            long started = System.nanoTime();
            embedder.embedAligned(one, 1);
            long elapsed = System.nanoTime() - started;
            into.embedBatch1PerFace.addNanos(elapsed);
            loop += elapsed;
        }
        if (batches) {
            long started = System.nanoTime();
            embedder.embedAligned(all, faces.size());
            into.embedAllFaces.addNanos(System.nanoTime() - started);
        } else {
            into.embedAllFaces.addNanos(loop);
        }
    }

    private static List<DetectedFace> largest(List<DetectedFace> faces) {
        return faces.stream()
                .max(Comparator.comparingDouble(face -> face.box().area()))
                .map(List::of)
                .orElse(List.of());
    }
}
