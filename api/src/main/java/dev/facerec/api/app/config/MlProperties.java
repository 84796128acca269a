package dev.facerec.api.app.config;

import dev.facerec.ml.MlConfig;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code facerec.ml.*}: where the models are and how inference runs. The defaults equal {@link MlConfig#defaults};
 * application.yml maps each property from the environment variable operators set.
 *
 * @param modelsDir {@code FACE_MODELS_DIR}; a string, not a {@code Path}, because Spring would first look for a
 *     relative path on the classpath
 * @param detectorPack {@code FACE_DETECTOR_PACK}
 * @param recognizerPack {@code FACE_RECOGNIZER_PACK}
 * @param device {@code LOCAL_ML_DEVICE}: auto, cpu or cuda
 * @param threads {@code ML_THREADS}: intra-op threads per inference, 0 = automatic
 * @param concurrency {@code ML_CONCURRENCY}: inferences at the same time, 0 = automatic
 * @param maxPixels {@code IMAGE_MAX_PIXELS}: largest image accepted, checked from the header
 * @param detectionScoreThreshold {@code DETECTION_SCORE_THRESHOLD}: faces scoring below are dropped
 * @param maxDetectionSide {@code DETECTION_MAX_SIDE}: longer images are downscaled for detection only
 * @param nativeCodecs {@code IMAGE_NATIVE_CODECS}: decode with native libraries (libjpeg-turbo) where installed
 */
@Validated
@ConfigurationProperties("facerec.ml")
public record MlProperties(
        @NotBlank @DefaultValue("./models") String modelsDir,
        @NotBlank @DefaultValue(MlConfig.DEFAULT_DETECTOR) String detectorPack,
        @NotBlank @DefaultValue(MlConfig.DEFAULT_RECOGNIZER) String recognizerPack,
        @NotNull @DefaultValue("auto") MlConfig.Device device,
        @Min(0) @DefaultValue("0") int threads,
        @Min(0) @DefaultValue("0") int concurrency,
        @Min(1) @DefaultValue("40000000") long maxPixels,

        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) @DefaultValue("0.78")
        float detectionScoreThreshold,

        @Min(64) @DefaultValue("1920") int maxDetectionSide,
        @DefaultValue("true") boolean nativeCodecs) {

    /** The plain configuration the ML adapters start from. */
    public MlConfig toMlConfig() {
        return new MlConfig(
                Path.of(modelsDir),
                detectorPack,
                recognizerPack,
                device,
                threads,
                concurrency,
                maxPixels,
                detectionScoreThreshold,
                maxDetectionSide,
                nativeCodecs);
    }
}
