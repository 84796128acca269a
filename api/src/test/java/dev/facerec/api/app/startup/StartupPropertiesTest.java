package dev.facerec.api.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** WEBHOOK_URL and WEBHOOK_TIMEOUT through the service's own application.yml. */
class StartupPropertiesTest {
    @EnableConfigurationProperties(StartupProperties.class)
    static class Records {}

    @Test
    void noWebhookByDefault() {
        runner(Map.of()).run(context -> {
            StartupProperties properties = context.getBean(StartupProperties.class);
            assertThat(properties.webhook()).isEmpty();
            assertThat(properties.webhookTimeout()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void operatorsVariablesBindAndTheAddressIsNeverPrinted() {
        runner(Map.of("WEBHOOK_URL", "https://hooks.example.test/T0/secret-token", "WEBHOOK_TIMEOUT", "2s"))
                .run(context -> {
                    StartupProperties properties = context.getBean(StartupProperties.class);
                    assertThat(properties.webhook()).contains(URI.create("https://hooks.example.test/T0/secret-token"));
                    assertThat(properties.webhookTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.toString()).doesNotContain("secret-token");
                });
    }

    @Test
    void anAddressThatIsNotHttpStopsStartUpWithTheVariableName() {
        runner(Map.of("WEBHOOK_URL", "ftp://example.test/hook"))
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("WEBHOOK_URL"));
    }

    private static ApplicationContextRunner runner(Map<String, Object> environment) {
        return new ApplicationContextRunner()
                .withUserConfiguration(Records.class)
                .withInitializer(context -> {
                    var sources = context.getEnvironment().getPropertySources();
                    sources.replace(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new SystemEnvironmentPropertySource(
                                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
                    try {
                        new YamlPropertySourceLoader()
                                .load("application.yml", new ClassPathResource("application.yml"))
                                .forEach(sources::addLast);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }
}
