package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.ml.MlConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MlPropertiesTest {
    @Test
    void defaultsAreTheMlDefaults() {
        PropertiesContext.withEnvironment(Map.of())
                .run(context -> assertThat(context.getBean(MlProperties.class).toMlConfig())
                        .isEqualTo(MlConfig.defaults(Path.of("./models"))));
    }

    @Test
    void applicationYamlHasTheSameDefaults() {
        PropertiesContext.withApplicationYaml(Map.of())
                .run(context -> assertThat(context.getBean(MlProperties.class).toMlConfig())
                        .isEqualTo(MlConfig.defaults(Path.of("./models"))));
    }

    @Test
    void operatorsEnvironmentVariablesReachTheMlConfig() {
        Map<String, Object> environment = Map.of(
                "FACE_MODELS_DIR", "/srv/models",
                "FACE_DETECTOR_PACK", "yunet-2023mar",
                "FACE_RECOGNIZER_PACK", "mobilefacenet-128",
                "LOCAL_ML_DEVICE", "cuda",
                "ML_THREADS", "4",
                "ML_CONCURRENCY", "2",
                "IMAGE_MAX_PIXELS", "1000000",
                "DETECTION_SCORE_THRESHOLD", "0.75",
                "DETECTION_MAX_SIDE", "640",
                "IMAGE_NATIVE_CODECS", "false");
        PropertiesContext.withApplicationYaml(environment)
                .run(context -> assertThat(context.getBean(MlProperties.class).toMlConfig())
                        .isEqualTo(new MlConfig(
                                Path.of("/srv/models"),
                                "yunet-2023mar",
                                "mobilefacenet-128",
                                MlConfig.Device.CUDA,
                                4,
                                2,
                                1_000_000,
                                0.75f,
                                640,
                                false)));
    }

    @Test
    void springStyleEnvironmentVariablesBindToo() {
        PropertiesContext.withEnvironment(Map.of(
                        "FACEREC_ML_MODELS_DIR", "/opt/models",
                        "FACEREC_ML_DEVICE", "CPU",
                        "FACEREC_ML_MAX_PIXELS", "123456",
                        "FACEREC_ML_DETECTION_SCORE_THRESHOLD", "0.5"))
                .run(context -> {
                    MlProperties properties = context.getBean(MlProperties.class);
                    assertThat(properties.toMlConfig().modelsDirectory()).isEqualTo(Path.of("/opt/models"));
                    assertThat(properties.device()).isEqualTo(MlConfig.Device.CPU);
                    assertThat(properties.maxPixels()).isEqualTo(123_456);
                    assertThat(properties.detectionScoreThreshold()).isEqualTo(0.5f);
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ML_THREADS                | -1  | field 'threads'",
                "ML_CONCURRENCY            | -2  | field 'concurrency'",
                "IMAGE_MAX_PIXELS          | 0   | field 'maxPixels'",
                "DETECTION_SCORE_THRESHOLD | 1.5 | field 'detectionScoreThreshold'",
                "DETECTION_SCORE_THRESHOLD | 0   | field 'detectionScoreThreshold'",
                "DETECTION_MAX_SIDE        | 32  | field 'maxDetectionSide'",
                "FACE_DETECTOR_PACK        | ' ' | field 'detectorPack'",
                "FACE_MODELS_DIR           | ' ' | field 'modelsDir'",
                "LOCAL_ML_DEVICE           | tpu | 'facerec.ml.device'"
            })
    void invalidValuesStopTheStartNamingTheProperty(String variable, String value, String property) {
        PropertiesContext.withApplicationYaml(Map.of(variable, value))
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining(property));
    }
}
