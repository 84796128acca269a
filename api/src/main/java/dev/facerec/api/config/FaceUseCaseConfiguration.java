package dev.facerec.api.config;

import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.usecase.CompareFaces;
import dev.facerec.core.usecase.DetectFaces;
import dev.facerec.ml.FaceEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The core use cases, built from the ports of whichever {@link FaceEngine} the context holds. */
@Configuration(proxyBeanMethods = false)
public class FaceUseCaseConfiguration {
    @Bean
    ImageDecoder imageDecoder(FaceEngine engine) {
        return engine.decoder();
    }

    @Bean
    DetectFaces detectFaces(FaceEngine engine) {
        return new DetectFaces(engine.decoder(), engine.detector());
    }

    @Bean
    CompareFaces compareFaces(FaceEngine engine) {
        return new CompareFaces(engine.decoder(), engine.detector(), engine.embedder());
    }
}
