package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuPropertiesTest {
    @Test
    void theMonitorLooksEveryFifteenSecondsByDefault() {
        GpuProperties defaults = new GpuProperties(true, "nvidia-smi", Duration.ofSeconds(15), Duration.ofSeconds(5));
        PropertiesContext.withApplicationYaml(Map.of())
                .run(context -> assertThat(context.getBean(GpuProperties.class)).isEqualTo(defaults));
        PropertiesContext.withEnvironment(Map.of())
                .run(context -> assertThat(context.getBean(GpuProperties.class)).isEqualTo(defaults));
    }

    @Test
    void operatorsVariablesBind() {
        PropertiesContext.withApplicationYaml(Map.of(
                        "GPU_MONITOR", "false",
                        "NVIDIA_SMI", "/usr/bin/nvidia-smi",
                        "GPU_MONITOR_INTERVAL", "1m",
                        "GPU_MONITOR_TIMEOUT", "10s"))
                .run(context -> assertThat(context.getBean(GpuProperties.class))
                        .isEqualTo(new GpuProperties(
                                false, "/usr/bin/nvidia-smi", Duration.ofMinutes(1), Duration.ofSeconds(10))));
    }

    @Test
    void badValuesStopTheStartNamingTheSetting() {
        PropertiesContext.withApplicationYaml(Map.of("GPU_MONITOR_INTERVAL", "500ms"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("GPU_MONITOR_INTERVAL"));
        PropertiesContext.withApplicationYaml(Map.of("GPU_MONITOR_TIMEOUT", "1m"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("GPU_MONITOR_TIMEOUT"));
    }
}
