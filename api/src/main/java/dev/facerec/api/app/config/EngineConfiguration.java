package dev.facerec.api.app.config;

import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    FaceEngine faceEngine(MlProperties properties) {
        MlConfig config = properties.toMlConfig();
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
}
