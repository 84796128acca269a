package dev.facerec.ml;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtException;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.ml.detect.YuNetDetector;
import dev.facerec.ml.embed.FusedFaceEmbedder;
import dev.facerec.ml.embed.OnnxFaceEmbedder;
import dev.facerec.ml.image.SafeImageDecoder;
import dev.facerec.ml.image.turbo.TurboJpeg;
import dev.facerec.ml.onnx.InferenceGate;
import dev.facerec.ml.onnx.ModelSessions;
import dev.facerec.ml.onnx.OnnxRuntimeFactory;
import dev.facerec.ml.onnx.graph.OnnxGraphOptimizer;
import dev.facerec.ml.pack.ModelPack;
import dev.facerec.ml.pack.ModelPackException;
import dev.facerec.ml.pack.ModelPacks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ONNX Runtime implementation of {@link FaceEngine}. */
final class OnnxFaceEngine implements FaceEngine {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxFaceEngine.class);
    private static final long GATE_TIMEOUT_MILLIS = 30_000;

    private final ImageDecoder decoder;
    private final YuNetDetector detector;
    private final FaceEmbedder embedder;
    private final List<ModelSessions> sessions;
    private final String executionProvider;
    private final String threading;
    private final long loadMillis;
    private final long providerCheckMillis;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxFaceEngine(
            ImageDecoder decoder,
            YuNetDetector detector,
            FaceEmbedder embedder,
            List<ModelSessions> sessions,
            String executionProvider,
            String threading,
            long loadMillis,
            long providerCheckMillis) {
        this.decoder = decoder;
        this.detector = detector;
        this.embedder = embedder;
        this.sessions = sessions;
        this.executionProvider = executionProvider;
        this.threading = threading;
        this.loadMillis = loadMillis;
        this.providerCheckMillis = providerCheckMillis;
    }

    static FaceEngine start(MlConfig config) {
        requireNonNull(config, "config is null");
        long started = System.nanoTime();
        ModelPacks packs = ModelPacks.load(config.modelsDirectory());
        ModelPack detectorPack = packs.get(config.detectorPack(), ModelPack.Kind.DETECTOR);
        ModelPack recognizerPack = packs.get(config.recognizerPack(), ModelPack.Kind.RECOGNIZER);
        // A fused recognizer runs its members' models; any other runs its own.
        List<ModelPack> recognizerModels = packs.models(recognizerPack);
        byte[] detectorModel = optimised(detectorPack, packs.verifiedModel(detectorPack), false);
        List<byte[]> recognizerBytes = recognizerModels.stream()
                .map(pack -> optimised(pack, packs.verifiedModel(pack), true))
                .toList();

        Threading threading = Threading.of(config);
        OnnxRuntimeFactory runtime = OnnxRuntimeFactory.create(config.device());
        InferenceGate gate = threading.gate();
        List<ModelSessions> sessions = new ArrayList<>();
        List<OnnxFaceEmbedder> embedders = new ArrayList<>();
        try {
            sessions.add(runtime.sessions(detectorPack.id(), detectorModel, gate, threading.threads()));
            for (int i = 0; i < recognizerModels.size(); i++) {
                ModelPack pack = recognizerModels.get(i);
                ModelSessions session = runtime.sessions(pack.id(), recognizerBytes.get(i), gate, threading.threads());
                sessions.add(session);
                embedders.add(new OnnxFaceEmbedder(pack, runtime.environment(), session, gate));
            }
        } catch (RuntimeException e) {
            sessions.forEach(OnnxFaceEngine::closeQuietly);
            throw e;
        }
        YuNetDetector detector = new YuNetDetector(
                detectorPack,
                runtime.environment(),
                sessions.getFirst(),
                gate,
                config.detectionScoreThreshold(),
                config.maxDetectionSide());
        FaceEmbedder embedder =
                recognizerPack.fused() ? new FusedFaceEmbedder(recognizerPack, embedders) : embedders.getFirst();
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        LOG.info(
                "Face engine ready in {} ms: detector {}, recognizer {} ({}-d{}), {}",
                loadMillis,
                detectorPack.id(),
                recognizerPack.id(),
                recognizerPack.embeddingSize(),
                recognizerPack.fused() ? ", fused from " + recognizerPack.members() : "",
                threading);
        return new OnnxFaceEngine(
                config.nativeCodecs()
                        ? SafeImageDecoder.withNativeCodecs(
                                config.maxPixels(), config.maxDetectionSide(), TurboJpeg.LIBRARY)
                        : SafeImageDecoder.withoutNativeCodecs(config.maxPixels()),
                detector,
                embedder,
                List.copyOf(sessions),
                runtime.executionProvider(),
                threading.toString(),
                loadMillis,
                runtime.checkMillis());
    }

    /**
     * Rewrites the verified model in memory for speed: per-channel PReLU becomes ops that ONNX Runtime fuses into
     * its NCHWc convolutions (about half the recognizer's time on a CPU), subnormal weights become zero (they made
     * faceplugin-512 about ten times slower on x86), and a recognizer's batch dimension is opened where the graph
     * allows it. The maths is unchanged; the tests compare outputs with the original.
     */
    private static byte[] optimised(ModelPack pack, byte[] model, boolean dynamicBatch) {
        try {
            OnnxGraphOptimizer.Result result =
                    OnnxGraphOptimizer.optimize(model, new OnnxGraphOptimizer.Options(dynamicBatch, true, true));
            OnnxGraphOptimizer.Report report = result.report();
            LOG.info(
                    "Model {}: {} PReLU rewritten ({} kept), batch {}, {} subnormal weights set to zero",
                    pack.id(),
                    report.preluRewritten(),
                    report.preluKept(),
                    report.batch(),
                    report.denormalsFlushed());
            return result.model();
        } catch (IllegalArgumentException e) {
            throw new ModelPackException("Model " + pack.id() + " is not a readable ONNX file: " + e.getMessage(), e);
        }
    }

    @Override
    public ImageDecoder decoder() {
        return decoder;
    }

    @Override
    public FaceDetector detector() {
        return detector;
    }

    @Override
    public FaceEmbedder embedder() {
        return embedder;
    }

    @Override
    public String executionProvider() {
        return executionProvider;
    }

    @Override
    public String threading() {
        return threading;
    }

    @Override
    public long loadMillis() {
        return loadMillis;
    }

    @Override
    public long providerCheckMillis() {
        return providerCheckMillis;
    }

    /** Idempotent: a retired recognizer's engine is closed by the switch and again by its owner at shutdown. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            sessions.forEach(OnnxFaceEngine::closeQuietly);
        }
    }

    private static void closeQuietly(ModelSessions session) {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Closing an ONNX Runtime session failed: {}", e.getMessage());
        }
    }

    /**
     * How the cores are shared. Automatic (both settings 0): an adaptive gate with one slot per core. Otherwise
     * {@code concurrency} runs at once with {@code threads} intra-op threads each (0 = cores / concurrency).
     */
    record Threading(boolean adaptive, int concurrency, int threads) {
        static Threading of(MlConfig config) {
            int cores = Runtime.getRuntime().availableProcessors();
            if (config.concurrency() == 0 && config.threads() == 0) {
                return new Threading(true, cores, 1);
            }
            int concurrency = config.concurrency() > 0 ? config.concurrency() : 1;
            int threads = config.threads() > 0 ? config.threads() : Math.max(1, cores / concurrency);
            return new Threading(false, concurrency, threads);
        }

        InferenceGate gate() {
            return adaptive
                    ? InferenceGate.adaptive(concurrency, GATE_TIMEOUT_MILLIS)
                    : InferenceGate.fixed(concurrency, GATE_TIMEOUT_MILLIS);
        }

        @Override
        public String toString() {
            return adaptive
                    ? "adaptive threading: one request on all " + concurrency + " cores, or " + concurrency
                            + " requests on one core each"
                    : concurrency + " concurrent inference(s) x " + threads + " thread(s)";
        }
    }
}
