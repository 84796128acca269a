package dev.facerec.api;

import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.config.JobProperties;
import dev.facerec.api.app.config.MlProperties;
import dev.facerec.api.app.config.UploadProperties;
import dev.facerec.api.app.health.ModelsStatus;
import dev.facerec.api.fake.FakeFaceEngine;
import dev.facerec.api.rest.gallery.GalleryTestPorts;
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
 * The web slice every controller test shares (so Spring caches one context): the real controllers, advice, filters
 * and use-case wiring over a {@link FakeFaceEngine}, with an upload limit of 4 KB per image (72 KB per request) so
 * a test can exceed it cheaply.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
        properties = "facerec.upload.max-bytes=" + FaceApiSlice.MAX_IMAGE_BYTES,
        // The REST API's slice of faces, galleries and persons: the CompreFace front door (api.compat) and the
        // administrators' webhooks and model migrations are tested on the running service (their ITs).
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "dev\\.facerec\\.api\\.(compat|rest\\.webhook|rest\\.migration)\\..*"))
@Import({FaceApiSlice.FakeEngineConfiguration.class, GalleryTestPorts.class, SliceSecurity.class})
public @interface FaceApiSlice {
    String MAX_IMAGE_BYTES = "4KB";
    long MAX_REQUEST_BYTES = 2 * 4096 + 64 * 1024;

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MlProperties.class, UploadProperties.class, JobProperties.class})
    @Import({FaceUseCaseConfiguration.class, ModelsStatus.class})
    class FakeEngineConfiguration {
        @Bean
        FakeFaceEngine faceEngine() {
            return new FakeFaceEngine();
        }
    }
}
