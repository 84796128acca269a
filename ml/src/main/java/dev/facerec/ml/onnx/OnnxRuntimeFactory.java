package dev.facerec.ml.onnx;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.pack.ModelPackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates ONNX Runtime sessions on the configured device. CUDA is used when asked for (or on {@code AUTO}) and the
 * GPU build of ONNX Runtime finds a usable GPU; otherwise the CPU, never a failure for lack of a GPU. The decision is
 * logged once, on the {@code dev.facerec.ml.gpu} logger.
 */
public final class OnnxRuntimeFactory {
    private static final Logger GPU_LOG = LoggerFactory.getLogger("dev.facerec.ml.gpu");

    private final OrtEnvironment environment;
    private final boolean cuda;
    private final String executionProvider;
    private final long checkMillis;

    private OnnxRuntimeFactory(OrtEnvironment environment, boolean cuda, String reason, long checkStarted) {
        this.environment = environment;
        this.cuda = cuda;
        this.executionProvider = cuda ? "CUDA" : "CPU";
        this.checkMillis = (System.nanoTime() - checkStarted) / 1_000_000;
        GPU_LOG.info(
                "Inference runs on {} ({}); ONNX Runtime {}; provider check {} ms",
                executionProvider,
                reason,
                environment.getVersion(),
                checkMillis);
    }

    /** Chooses the device. */
    public static OnnxRuntimeFactory create(MlConfig.Device device) {
        requireNonNull(device, "device is null");
        long started = System.nanoTime();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        if (device == MlConfig.Device.CPU) {
            return new OnnxRuntimeFactory(environment, false, "LOCAL_ML_DEVICE=cpu", started);
        }
        boolean available = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        if (!available) {
            String reason = device == MlConfig.Device.CUDA
                    ? "CUDA was requested but this build of ONNX Runtime has no CUDA provider; build with -Pgpu"
                    : "no CUDA provider in this build of ONNX Runtime";
            return new OnnxRuntimeFactory(environment, false, reason, started);
        }
        String probe = probeCuda();
        if (probe != null) {
            return new OnnxRuntimeFactory(environment, false, "CUDA provider present but unusable: " + probe, started);
        }
        return new OnnxRuntimeFactory(environment, true, "CUDA provider and a GPU found", started);
    }

    private static String probeCuda() {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addCUDA(0);
            return null;
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            return e.getMessage();
        }
    }

    /**
     * The sessions a model needs behind {@code gate}: for an adaptive gate, one using every slot's core and one
     * single-threaded; otherwise one session with {@code threads} intra-op threads.
     */
    public ModelSessions sessions(String modelId, byte[] model, InferenceGate gate, int threads) {
        if (!gate.isAdaptive()) {
            OrtSession session = session(modelId, model, threads);
            return new ModelSessions(session, session);
        }
        OrtSession wide = session(modelId, model, gate.concurrency());
        try {
            return new ModelSessions(wide, session(modelId, model, 1));
        } catch (RuntimeException e) {
            try {
                wide.close();
            } catch (OrtException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** A session over the model bytes, optimised for this machine. */
    OrtSession session(String modelId, byte[] model, int threads) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // Spinning threads burn a core between requests and fight the other session for the same cores.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (cuda) {
                options.addCUDA(0);
            }
            return environment.createSession(model, options);
        } catch (OrtException e) {
            throw new ModelPackException("ONNX Runtime cannot load model " + modelId + ": " + e.getMessage(), e);
        }
    }

    public OrtEnvironment environment() {
        return environment;
    }

    /** {@code CUDA} or {@code CPU}. */
    public String executionProvider() {
        return executionProvider;
    }

    /**
     * Milliseconds spent choosing the device: the ONNX Runtime environment and, unless the CPU was asked for, the
     * CUDA provider lookup and probe (the GPU check, whose target is under 10 s).
     */
    public long checkMillis() {
        return checkMillis;
    }
}
