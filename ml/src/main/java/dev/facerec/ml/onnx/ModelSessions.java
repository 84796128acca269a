package dev.facerec.ml.onnx;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The sessions of one model, one per {@link InferenceGate.Lane}. They may be the same session when the gate is not
 * adaptive. ONNX Runtime sessions are thread-safe, so each is shared by all runs on its lane.
 */
public record ModelSessions(OrtSession wide, OrtSession narrow) implements AutoCloseable {
    public ModelSessions {
        requireNonNull(wide, "wide is null");
        requireNonNull(narrow, "narrow is null");
    }

    public OrtSession on(InferenceGate.Lane lane) {
        return switch (lane) {
            case WIDE -> wide;
            case NARROW -> narrow;
        };
    }

    @Override
    public void close() throws OrtException {
        try {
            wide.close();
        } finally {
            if (narrow != wide) {
                narrow.close();
            }
        }
    }
}
