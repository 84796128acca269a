package dev.facerec.api.rest.gallery;

import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.config.JobProperties;
import dev.facerec.api.app.config.MlProperties;
import dev.facerec.api.app.config.UploadProperties;
import dev.facerec.api.app.health.ModelsStatus;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.ml.FaceEngine;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The web slice of the gallery, person and identify tests: real controllers, advice, filters and use cases over the
 * in-memory ports and the fake pipeline of core's test-jar, which understands {@link
 * dev.facerec.core.testing.FakePhoto}s.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
        // The REST API's slice of faces, galleries and persons: the CompreFace front door (api.compat) and the
        // administrators' webhooks and model migrations are tested on the running service (their ITs).
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "dev\\.facerec\\.api\\.(compat|rest\\.webhook|rest\\.migration)\\..*"))
@Import({GalleryTestPorts.class, GallerySlice.FakePipelineEngine.class, dev.facerec.api.SliceSecurity.class})
public @interface GallerySlice {
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MlProperties.class, UploadProperties.class, JobProperties.class})
    @Import({FaceUseCaseConfiguration.class, ModelsStatus.class})
    class FakePipelineEngine {
        @Bean
        FaceEngine faceEngine(FakePipeline fakes) {
            return new FaceEngine() {
                @Override
                public ImageDecoder decoder() {
                    return fakes.decoder;
                }

                @Override
                public FaceDetector detector() {
                    return fakes.detector;
                }

                @Override
                public FaceEmbedder embedder() {
                    return fakes.embedder;
                }

                @Override
                public String executionProvider() {
                    return "CPU";
                }

                @Override
                public String threading() {
                    return "fake";
                }

                @Override
                public long loadMillis() {
                    return 0;
                }

                @Override
                public long providerCheckMillis() {
                    return 0;
                }

                @Override
                public void close() {}
            };
        }
    }
}
