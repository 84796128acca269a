package dev.facerec.api.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.EnvironmentRunner;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
        return EnvironmentRunner.of(environment, true, Records.class);
    }
}
