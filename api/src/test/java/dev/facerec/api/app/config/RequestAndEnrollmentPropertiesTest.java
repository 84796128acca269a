package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.gallery.EnrollmentProperties;
import dev.facerec.api.app.metrics.MetricsProperties;
import dev.facerec.api.http.error.RequestProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The single-value records of other packages: the request deadline, enrollment's background ratio, metrics. */
class RequestAndEnrollmentPropertiesTest {
    @Test
    void defaults() {
        for (var runner : java.util.List.of(
                PropertiesContext.withApplicationYaml(Map.of()), PropertiesContext.withEnvironment(Map.of()))) {
            runner.run(context -> {
                assertThat(context.getBean(RequestProperties.class).requestTimeout())
                        .isEqualTo(Duration.ofSeconds(30));
                assertThat(context.getBean(EnrollmentProperties.class).backgroundFaceRatio())
                        .isEqualTo(0.7);
                assertThat(context.getBean(MetricsProperties.class).galleryRefresh())
                        .isEqualTo(Duration.ofSeconds(15));
            });
        }
    }

    @Test
    void operatorsVariablesBind() {
        PropertiesContext.withApplicationYaml(Map.of(
                        "REQUEST_TIMEOUT", "5s",
                        "ENROLL_BACKGROUND_FACE_RATIO", "0",
                        "FACEREC_METRICS_GALLERYREFRESH", "200ms"))
                .run(context -> {
                    assertThat(context.getBean(RequestProperties.class).requestTimeout())
                            .isEqualTo(Duration.ofSeconds(5));
                    assertThat(context.getBean(EnrollmentProperties.class).backgroundFaceRatio())
                            .isZero();
                    assertThat(context.getBean(MetricsProperties.class).galleryRefresh())
                            .isEqualTo(Duration.ofMillis(200));
                });
    }

    @Test
    void badValuesStopTheStartNamingTheSetting() {
        Map<String, String> named = Map.of(
                "REQUEST_TIMEOUT", "REQUEST_TIMEOUT",
                "ENROLL_BACKGROUND_FACE_RATIO", "ENROLL_BACKGROUND_FACE_RATIO",
                "FACEREC_METRICS_GALLERYREFRESH", "facerec.metrics.gallery-refresh");
        Map<String, String> refused = Map.of(
                "REQUEST_TIMEOUT", "0s",
                "ENROLL_BACKGROUND_FACE_RATIO", "1.5",
                "FACEREC_METRICS_GALLERYREFRESH", "-1s");
        refused.forEach((variable, value) -> PropertiesContext.withApplicationYaml(Map.of(variable, value))
                .run(context -> assertThat(PropertiesContext.failure(context))
                        .as(variable + "=" + value)
                        .contains(named.get(variable))));
    }
}
