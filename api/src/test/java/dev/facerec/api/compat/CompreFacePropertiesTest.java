package dev.facerec.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.EnvironmentRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The CompreFace API's settings, bound from the operator's variables through the service's own application.yml. */
class CompreFacePropertiesTest {
    @EnableConfigurationProperties(CompreFaceProperties.class)
    static class Records {}

    private static ApplicationContextRunner withEnvironment(Map<String, Object> environment) {
        return EnvironmentRunner.of(environment, true, Records.class);
    }

    @Test
    void corsIsClosedByDefault() {
        withEnvironment(Map.of())
                .run(context -> assertThat(
                                context.getBean(CompreFaceProperties.class).corsAllowedOrigins())
                        .isEmpty());
    }

    @Test
    void theOperatorsVariableNamesTheOrigins() {
        withEnvironment(Map.of("FACEREC_COMPAT_CORS_ALLOWED_ORIGINS", "https://app.example.org, http://localhost:3000"))
                .run(context -> assertThat(
                                context.getBean(CompreFaceProperties.class).corsAllowedOrigins())
                        .isEqualTo(List.of("https://app.example.org", "http://localhost:3000")));
    }

    @Test
    void aWildcardOrAPathIsRefusedAtStartUp() {
        for (String origins : List.of("*", "https://app.example.org/page", "app.example.org")) {
            withEnvironment(Map.of("FACEREC_COMPAT_CORS_ALLOWED_ORIGINS", origins))
                    .run(context -> assertThat(context).as(origins).hasFailed());
        }
    }
}
