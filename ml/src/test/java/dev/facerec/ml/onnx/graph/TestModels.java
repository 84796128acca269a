package dev.facerec.ml.onnx.graph;

import java.nio.file.Path;

/** Where the shared real models live; surefire passes the folder in {@code facerec.models.dir}. */
final class TestModels {
    static final String FACEPLUGIN = "faceplugin_fr_feature.onnx";
    static final String PADDLE = "mobilefacenet_paddle_128d.onnx";
    static final String YUNET = "face_detection_yunet_2023mar.onnx";

    private TestModels() {}

    static Path directory() {
        return Path.of(System.getProperty("facerec.models.dir", "../../shared/models"));
    }

    static Path dataDirectory() {
        return Path.of(System.getProperty("facerec.data.dir", "../../shared/data"));
    }
}
