package dev.facerec.api.app.config;

import dev.facerec.api.app.gallery.EnrollmentProperties;
import dev.facerec.api.app.metrics.MetricsProperties;
import dev.facerec.api.app.privacy.EncryptionProperties;
import dev.facerec.api.http.error.RequestProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Binds the properties records as the service does, without starting it: a context with only the records, fed by a
 * fake process environment and, where asked, the service's own application.yml.
 */
final class PropertiesContext {
    private PropertiesContext() {}

    @EnableConfigurationProperties({
        MlProperties.class,
        UploadProperties.class,
        EncryptionProperties.class,
        LoadProperties.class,
        DataProperties.class,
        DatabaseProperties.class,
        S3Properties.class,
        IndexProperties.class,
        GpuProperties.class,
        MetricsProperties.class,
        EnrollmentProperties.class,
        RequestProperties.class
    })
    static class Records {}

    /** The records bound from {@code environment} alone, as environment variables (relaxed names). */
    static ApplicationContextRunner withEnvironment(Map<String, Object> environment) {
        return runner(environment, false);
    }

    /** The records bound from application.yml, whose placeholders read {@code environment}. */
    static ApplicationContextRunner withApplicationYaml(Map<String, Object> environment) {
        return runner(environment, true);
    }

    /** Every message of the start-up failure's chain, so a test can check that the setting at fault is named. */
    static String failure(org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static ApplicationContextRunner runner(Map<String, Object> environment, boolean applicationYaml) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Records.class)
                .withInitializer(context -> {
                    MutablePropertySources sources = context.getEnvironment().getPropertySources();
                    sources.replace(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(
                                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
                    if (applicationYaml) {
                        try {
                            new YamlPropertySourceLoader()
                                    .load("application.yml", new ClassPathResource("application.yml"))
                                    .forEach(sources::addLast);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
    }
}
