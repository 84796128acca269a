package dev.facerec.api.rest.face;

import static dev.facerec.api.fake.FakeImages.image;
import static dev.facerec.api.fake.FakeImages.portrait;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.api.SliceSecurity;
import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.config.JobProperties;
import dev.facerec.api.app.config.MlProperties;
import dev.facerec.api.app.config.UploadProperties;
import dev.facerec.api.app.health.ModelsStatus;
import dev.facerec.api.fake.FakeFaceEngine;
import dev.facerec.api.rest.gallery.GalleryTestPorts;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.ml.FaceEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code REQUEST_TIMEOUT}: a request whose detection outlasts the deadline does not go on to its next stage and ends
 * with a 503 problem; a request within the deadline is untouched.
 */
@WebMvcTest(
        properties = "facerec.request-timeout=200ms",
        // The REST API's slice of faces, galleries and persons: the CompreFace front door (api.compat) and the
        // administrators' webhooks and model migrations are tested on the running service (their ITs).
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "dev\\.facerec\\.api\\.(compat|rest\\.webhook|rest\\.migration)\\..*"))
@Import({RequestTimeoutTest.SlowEngineConfiguration.class, GalleryTestPorts.class, SliceSecurity.class})
class RequestTimeoutTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    SlowEngine engine;

    @AfterEach
    void fastAgain() {
        engine.detectionDelay = Duration.ZERO;
    }

    @Test
    void aRequestWhoseDetectionOutlastsTheDeadlineEndsWithA503Problem() throws Exception {
        engine.detectionDelay = Duration.ofMillis(300);

        compare()
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.code").value("REQUEST_TIMEOUT"))
                .andExpect(jsonPath("$.type").value("https://facerec.dev/problems/request-timeout"))
                .andExpect(jsonPath("$.detail", containsString("longer than the service's limit of 200 ms")))
                .andExpect(jsonPath("$.detail", containsString("REQUEST_TIMEOUT")))
                .andExpect(jsonPath("$.details.timeoutMillis").value(200))
                .andExpect(jsonPath("$.requestId").isString());
        // The source's detection ran to its end; the target was never decoded nor detected.
        assertThat(engine.detections).hasValue(1);
    }

    @Test
    void aRequestWithinTheDeadlineIsUnaffected() throws Exception {
        compare().andExpect(status().isOk()).andExpect(jsonPath("$.match").value(true));
    }

    @Test
    void theDeadlineBelongsToOneRequest() throws Exception {
        engine.detectionDelay = Duration.ofMillis(300);
        compare().andExpect(status().isServiceUnavailable());
        engine.detectionDelay = Duration.ZERO;

        mvc.perform(multipart("/api/v1/faces/detect").file("image", portrait("alice")))
                .andExpect(status().isOk());
    }

    private ResultActions compare() throws Exception {
        engine.detections.set(0);
        return mvc.perform(multipart("/api/v1/faces/compare")
                .file("source", portrait("alice"))
                .file("target", image(200, 100, 1, "alice")));
    }

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MlProperties.class, UploadProperties.class, JobProperties.class})
    @Import({FaceUseCaseConfiguration.class, ModelsStatus.class})
    static class SlowEngineConfiguration {
        @Bean
        SlowEngine faceEngine() {
            return new SlowEngine();
        }
    }

    /** The fake engine, with a detector that takes as long as a test says (a large photo on a busy machine). */
    static final class SlowEngine implements FaceEngine {
        private final FakeFaceEngine fake = new FakeFaceEngine();
        final AtomicInteger detections = new AtomicInteger();
        volatile Duration detectionDelay = Duration.ZERO;

        @Override
        public ImageDecoder decoder() {
            return fake.decoder();
        }

        @Override
        public FaceDetector detector() {
            return new FaceDetector() {
                @Override
                public List<DetectedFace> detect(DecodedImage image) {
                    detections.incrementAndGet();
                    try {
                        Thread.sleep(detectionDelay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return fake.detector().detect(image);
                }

                @Override
                public String modelId() {
                    return fake.detector().modelId();
                }
            };
        }

        @Override
        public FaceEmbedder embedder() {
            return fake.embedder();
        }

        @Override
        public String executionProvider() {
            return fake.executionProvider();
        }

        @Override
        public String threading() {
            return fake.threading();
        }

        @Override
        public long loadMillis() {
            return fake.loadMillis();
        }

        @Override
        public long providerCheckMillis() {
            return fake.providerCheckMillis();
        }

        @Override
        public void close() {
            fake.close();
        }
    }
}
