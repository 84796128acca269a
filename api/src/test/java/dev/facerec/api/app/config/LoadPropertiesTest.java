package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class LoadPropertiesTest {
    private static final long HEAP = 2L * 1024 * 1024 * 1024;

    @Test
    void byDefaultTheBudgetIsAQuarterOfTheHeapAndARequestWaitsTwoSeconds() {
        PropertiesContext.withApplicationYaml(Map.of()).run(context -> {
            LoadProperties load = context.getBean(LoadProperties.class);
            assertThat(load.decodeMemoryBudget()).isEqualTo(DataSize.ofBytes(0));
            assertThat(load.budgetBytes(HEAP)).isEqualTo(HEAP / 4);
            assertThat(load.decodeMemoryWait()).isEqualTo(Duration.ofSeconds(2));
        });
        PropertiesContext.withEnvironment(Map.of())
                .run(context -> assertThat(context.getBean(LoadProperties.class))
                        .isEqualTo(new LoadProperties(DataSize.ofBytes(0), Duration.ofSeconds(2))));
    }

    @Test
    void operatorsVariablesSetTheBudgetAndTheWait() {
        PropertiesContext.withApplicationYaml(Map.of("DECODE_MEMORY_BUDGET", "3GB", "DECODE_MEMORY_WAIT", "500ms"))
                .run(context -> {
                    LoadProperties load = context.getBean(LoadProperties.class);
                    assertThat(load.budgetBytes(HEAP))
                            .isEqualTo(DataSize.ofGigabytes(3).toBytes());
                    assertThat(load.decodeMemoryWait()).isEqualTo(Duration.ofMillis(500));
                });
        PropertiesContext.withApplicationYaml(Map.of("DECODE_MEMORY_WAIT", "0"))
                .run(context -> assertThat(context.getBean(LoadProperties.class).decodeMemoryWait())
                        .isZero());
    }

    @Test
    void negativeValuesStopTheStart() {
        PropertiesContext.withApplicationYaml(Map.of("DECODE_MEMORY_BUDGET", "-1MB"))
                .run(context -> assertThat(context).hasFailed());
        PropertiesContext.withApplicationYaml(Map.of("DECODE_MEMORY_WAIT", "-1s"))
                .run(context -> assertThat(context).hasFailed());
    }
}
