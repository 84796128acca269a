package dev.facerec.api.app.config;

import dev.facerec.api.EnvironmentRunner;
import dev.facerec.api.app.gallery.EnrollmentProperties;
import dev.facerec.api.app.metrics.MetricsProperties;
import dev.facerec.api.app.privacy.EncryptionProperties;
import dev.facerec.api.app.webhook.WebhookProperties;
import dev.facerec.api.http.error.RequestProperties;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

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
        ModelSwitchProperties.class,
        GpuProperties.class,
        MetricsProperties.class,
        EnrollmentProperties.class,
        RequestProperties.class,
        WebhookProperties.class,
        JobProperties.class
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
        return EnvironmentRunner.of(environment, applicationYaml, Records.class)
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class));
    }
}
