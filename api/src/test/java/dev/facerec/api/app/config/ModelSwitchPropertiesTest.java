package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSwitchPropertiesTest {
    private static final ModelSwitchProperties DEFAULTS =
            new ModelSwitchProperties(Duration.ofSeconds(2), Duration.ofSeconds(60));

    @Test
    void replicasLookEveryTwoSecondsAndKeepTheOldRecognizerAMinuteByDefault() {
        PropertiesContext.withApplicationYaml(Map.of())
                .run(context ->
                        assertThat(context.getBean(ModelSwitchProperties.class)).isEqualTo(DEFAULTS));
        PropertiesContext.withEnvironment(Map.of())
                .run(context ->
                        assertThat(context.getBean(ModelSwitchProperties.class)).isEqualTo(DEFAULTS));
    }

    @Test
    void theOperatorsVariablesSetThemAndBadValuesAreRefused() {
        PropertiesContext.withApplicationYaml(
                        Map.of("MODEL_SWITCH_POLL_INTERVAL", "500ms", "MODEL_SWITCH_RETIRE_AFTER", "0"))
                .run(context -> assertThat(context.getBean(ModelSwitchProperties.class))
                        .isEqualTo(new ModelSwitchProperties(Duration.ofMillis(500), Duration.ZERO)));
        PropertiesContext.withApplicationYaml(Map.of("MODEL_SWITCH_POLL_INTERVAL", "0"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("MODEL_SWITCH_POLL_INTERVAL"));
        PropertiesContext.withApplicationYaml(Map.of("MODEL_SWITCH_RETIRE_AFTER", "-1s"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("MODEL_SWITCH_RETIRE_AFTER"));
    }
}
