package dev.facerec.api.app.config;

import dev.facerec.core.migration.MigrateModel;
import dev.facerec.core.migration.ModelMigrations;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the face pipeline once, at start-up: a missing or corrupt model stops the service from starting instead of
 * failing the first request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MlProperties.class)
public class EngineConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean(destroyMethod = "close")
    FaceEngine faceEngine(MlProperties properties, ObjectProvider<ModelMigrations> migrations) {
        MlConfig config = activeRecognizer(properties.toMlConfig(), migrations.getIfAvailable());
        log.info(
                "Loading face models from {} (detector {}, recognizer {}, device {})",
                config.modelsDirectory().toAbsolutePath(),
                config.detectorPack(),
                config.recognizerPack(),
                config.device());
        FaceEngine engine = FaceEngine.start(config);
        log.info("Face models loaded in {} ms, inference on {}", engine.loadMillis(), engine.executionProvider());
        return engine;
    }

    /**
     * The recognizer a switched-over model migration made the service's (see {@link MigrateModel#activeModel}), which
     * the configured one gives way to, so a restarted replica keeps identifying with it.
     */
    static MlConfig activeRecognizer(MlConfig configured, ModelMigrations migrations) {
        if (migrations == null) {
            return configured;
        }
        String active = MigrateModel.activeModel(migrations.latest(), configured.recognizerPack());
        if (!active.equals(configured.recognizerPack())) {
            log.info(
                    "Recognizer {} instead of the configured {}: a model migration switched over to it",
                    active,
                    configured.recognizerPack());
        }
        return configured.withRecognizerPack(active);
    }
}
