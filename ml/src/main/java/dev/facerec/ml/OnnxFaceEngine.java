package dev.facerec.ml;

/** Work in progress: replaced by the ONNX Runtime pipeline in the next commit. */
final class OnnxFaceEngine {
    private OnnxFaceEngine() {}

    static FaceEngine start(MlConfig config) {
        throw new UnsupportedOperationException("pipeline not wired yet");
    }
}
