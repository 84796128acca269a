package dev.facerec.api.app.config;

import dev.facerec.api.app.metrics.TimedFaceDetector;
import dev.facerec.api.app.metrics.TimedFaceEmbedder;
import dev.facerec.api.app.metrics.TimedImageDecoder;
import dev.facerec.api.http.load.LoadConfiguration;
import dev.facerec.api.http.load.LoadLimits;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.recognizer.Recognizer;
import dev.facerec.core.usecase.CompareFaces;
import dev.facerec.core.usecase.DetectFaces;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.ml.FaceEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The pipeline ports of the {@link ActiveRecognizer}, each timed per stage (see {@code dev.facerec.api.app.metrics})
 * and run under the load limits (the decode memory budget and the compute threads, see {@code
 * dev.facerec.api.http.load}), and the core use cases built from them. Every use case takes these beans, never the
 * engine's ports directly, so no stage goes unmeasured or unbounded, and every stage follows a switch of the
 * recognizer (a model migration's switch-over or rollback, see {@code dev.facerec.api.app.migration}).
 */
@Configuration(proxyBeanMethods = false)
@Import(LoadConfiguration.class)
public class FaceUseCaseConfiguration {
    /** Progress of an index rebuild is logged after this many faces. */
    public static final int REBUILD_PROGRESS_EVERY = 10_000;

    /**
     * The recognizer the service starts with: the engine loaded at start-up (the model a switched-over migration made
     * the service's, see {@link EngineConfiguration}) and the gallery index, which the index life cycle loads before
     * traffic comes. Closing it at shutdown closes whichever recognizers it holds then.
     */
    @Bean(destroyMethod = "close")
    ActiveRecognizer activeRecognizer(FaceEngine engine, GalleryIndex index, FaceRepository faces) {
        String model = engine.embedder().model().id();
        return new ActiveRecognizer(new Recognizer(
                engine.decoder(),
                engine.detector(),
                engine.embedder(),
                index,
                new IndexSynchronizer(faces, index, model, REBUILD_PROGRESS_EVERY),
                () -> {
                    // Once retired by a switch: its models and its index's memory go. Both closes are idempotent,
                    // so the beans' own close at shutdown is harmless.
                    engine.close();
                    if (index instanceof AutoCloseable closeable) {
                        closeable.close();
                    }
                }));
    }

    @Bean
    ImageDecoder imageDecoder(ActiveRecognizer recognizers, LoadLimits limits, ObjectProvider<MeterRegistry> registry) {
        return limits.decoder(new TimedImageDecoder(recognizers.decoder(), registryOf(registry)));
    }

    @Bean
    FaceDetector faceDetector(ActiveRecognizer recognizers, LoadLimits limits, ObjectProvider<MeterRegistry> registry) {
        return limits.detector(new TimedFaceDetector(recognizers.detector(), registryOf(registry)));
    }

    /** What queries (identify, verify, compare, analyse) embed with: the active recognizer's embedder. */
    @Bean
    FaceEmbedder faceEmbedder(ActiveRecognizer recognizers, LoadLimits limits, ObjectProvider<MeterRegistry> registry) {
        return served(recognizers.embedder(), limits, registry);
    }

    /**
     * An embedder as the use cases get it: timed, and run under the load limits. Enrolment takes the active
     * recognizer's {@link ActiveRecognizer#enrolmentEmbedder()} through here, not as a second {@link FaceEmbedder}
     * bean, which every other use case would then have to qualify.
     */
    public static FaceEmbedder served(
            FaceEmbedder embedder, LoadLimits limits, ObjectProvider<MeterRegistry> registry) {
        return limits.embedder(new TimedFaceEmbedder(embedder, registryOf(registry)));
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
