package dev.facerec.api.app.config;

import dev.facerec.ml.gpu.GpuMonitor;
import dev.facerec.ml.gpu.NvidiaSmi;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The GPU monitor behind the GPU metrics and the health view's gpu component; off with {@code GPU_MONITOR=false}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GpuProperties.class)
@Import(ClockConfiguration.class)
public class GpuConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "facerec.gpu.monitor", matchIfMissing = true)
    GpuMonitor gpuMonitor(GpuProperties properties, Clock clock) {
        GpuMonitor monitor = new GpuMonitor(
                new NvidiaSmi(properties.nvidiaSmi(), properties.timeout(), clock), properties.interval(), clock);
        monitor.start();
        return monitor;
    }
}
