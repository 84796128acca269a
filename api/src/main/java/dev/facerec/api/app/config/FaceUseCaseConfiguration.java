package dev.facerec.api.app.config;

import dev.facerec.api.app.metrics.TimedFaceDetector;
import dev.facerec.api.app.metrics.TimedFaceEmbedder;
import dev.facerec.api.app.metrics.TimedImageDecoder;
import dev.facerec.api.http.load.LoadConfiguration;
import dev.facerec.api.http.load.LoadLimits;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.usecase.CompareFaces;
import dev.facerec.core.usecase.DetectFaces;
import dev.facerec.ml.FaceEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The pipeline ports of whichever {@link FaceEngine} the context holds, each timed per stage (see {@code
 * dev.facerec.api.app.metrics}) and run under the load limits (the decode memory budget and the compute threads, see
 * {@code dev.facerec.api.http.load}), and the core use cases built from them. Every use case takes these beans, never the
 * engine's ports directly, so no stage goes unmeasured or unbounded.
 */
@Configuration(proxyBeanMethods = false)
@Import(LoadConfiguration.class)
public class FaceUseCaseConfiguration {
    @Bean
    ImageDecoder imageDecoder(FaceEngine engine, LoadLimits limits, ObjectProvider<MeterRegistry> registry) {
        return limits.decoder(new TimedImageDecoder(engine.decoder(), registryOf(registry)));
    }

    @Bean
    FaceDetector faceDetector(FaceEngine engine, LoadLimits limits, ObjectProvider<MeterRegistry> registry) {
        return limits.detector(new TimedFaceDetector(engine.detector(), registryOf(registry)));
    }

    @Bean
    FaceEmbedder faceEmbedder(FaceEngine engine, LoadLimits limits, ObjectProvider<MeterRegistry> registry) {
        return limits.embedder(new TimedFaceEmbedder(engine.embedder(), registryOf(registry)));
    }

    @Bean
    DetectFaces detectFaces(ImageDecoder decoder, FaceDetector detector) {
        return new DetectFaces(decoder, detector);
    }

    @Bean
    CompareFaces compareFaces(ImageDecoder decoder, FaceDetector detector, FaceEmbedder embedder) {
        return new CompareFaces(decoder, detector, embedder);
    }

    /**
     * The application's registry; web slices run without metrics, and Micrometer's global registry holds no
     * registries by default, so there the timers record nowhere.
     */
    public static MeterRegistry registryOf(ObjectProvider<MeterRegistry> registry) {
        return registry.getIfAvailable(() -> Metrics.globalRegistry);
    }
}
