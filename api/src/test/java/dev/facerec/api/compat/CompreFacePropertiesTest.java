package dev.facerec.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The CompreFace API's settings, bound from the operator's variables through the service's own application.yml. */
class CompreFacePropertiesTest {
    @EnableConfigurationProperties(CompreFaceProperties.class)
    static class Records {}

    private static ApplicationContextRunner withEnvironment(Map<String, Object> environment) {
        return new ApplicationContextRunner()
                .withUserConfiguration(Records.class)
                .withInitializer(context -> {
                    MutablePropertySources sources = context.getEnvironment().getPropertySources();
                    sources.replace(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(
                                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
                    try {
                        new YamlPropertySourceLoader()
                                .load("application.yml", new ClassPathResource("application.yml"))
                                .forEach(sources::addLast);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
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
