package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.webhook.WebhookProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPropertiesTest {
    private static final WebhookProperties DEFAULTS = new WebhookProperties(
            List.of(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            8,
            Duration.ofSeconds(10),
            Duration.ofHours(1),
            15,
            Duration.ofSeconds(1));

    @Test
    void nothingIsAllowListedByDefault() {
        PropertiesContext.withApplicationYaml(Map.of())
                .run(context ->
                        assertThat(context.getBean(WebhookProperties.class)).isEqualTo(DEFAULTS));
        PropertiesContext.withEnvironment(Map.of())
                .run(context ->
                        assertThat(context.getBean(WebhookProperties.class)).isEqualTo(DEFAULTS));
    }

    @Test
    void operatorsVariablesBind() {
        PropertiesContext.withApplicationYaml(Map.of(
                        "FACEREC_WEBHOOKS_ALLOWED_HOSTS", "10.0.0.0/8,receiver.internal",
                        "FACEREC_WEBHOOKS_CONNECT_TIMEOUT", "2s",
                        "FACEREC_WEBHOOKS_REQUEST_TIMEOUT", "3s",
                        "FACEREC_WEBHOOKS_MAX_ATTEMPTS", "4",
                        "FACEREC_WEBHOOKS_BACKOFF_BASE", "1s",
                        "FACEREC_WEBHOOKS_BACKOFF_CAP", "10m",
                        "FACEREC_WEBHOOKS_DISABLE_AFTER", "6",
                        "FACEREC_WEBHOOKS_POLL_INTERVAL", "0"))
                .run(context -> assertThat(context.getBean(WebhookProperties.class))
                        .isEqualTo(new WebhookProperties(
                                List.of("10.0.0.0/8", "receiver.internal"),
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(3),
                                4,
                                Duration.ofSeconds(1),
                                Duration.ofMinutes(10),
                                6,
                                Duration.ZERO)));
    }

    @Test
    void badValuesStopTheStart() {
        PropertiesContext.withApplicationYaml(Map.of("FACEREC_WEBHOOKS_MAX_ATTEMPTS", "0"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("max-attempts"));
        PropertiesContext.withApplicationYaml(Map.of("FACEREC_WEBHOOKS_REQUEST_TIMEOUT", "0s"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("timeouts"));
    }
}
