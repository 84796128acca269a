package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexPropertiesTest {
    @Test
    void theIndexCatchesUpEverySecondByDefault() {
        PropertiesContext.withApplicationYaml(Map.of())
                .run(context -> assertThat(context.getBean(IndexProperties.class))
                        .isEqualTo(new IndexProperties(Duration.ofSeconds(1))));
        PropertiesContext.withEnvironment(Map.of())
                .run(context -> assertThat(context.getBean(IndexProperties.class))
                        .isEqualTo(new IndexProperties(Duration.ofSeconds(1))));
    }

    @Test
    void theOperatorsVariableSetsTheIntervalAndZeroIsRefused() {
        PropertiesContext.withApplicationYaml(Map.of("INDEX_CATCH_UP_INTERVAL", "250ms"))
                .run(context -> assertThat(
                                context.getBean(IndexProperties.class).catchUpInterval())
                        .isEqualTo(Duration.ofMillis(250)));
        PropertiesContext.withApplicationYaml(Map.of("INDEX_CATCH_UP_INTERVAL", "0"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("INDEX_CATCH_UP_INTERVAL"));
    }
}
