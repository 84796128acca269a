package dev.facerec.api.config;

import dev.facerec.ml.gpu.GpuMonitor;
import dev.facerec.ml.gpu.NvidiaSmi;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The GPU monitor behind the GPU metrics and the health view's gpu component; off with {@code GPU_MONITOR=false}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GpuProperties.class)
public class GpuConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "facerec.gpu.monitor", matchIfMissing = true)
    GpuMonitor gpuMonitor(GpuProperties properties) {
        GpuMonitor monitor = new GpuMonitor(
                new NvidiaSmi(properties.nvidiaSmi(), properties.timeout(), Clock.systemUTC()),
                properties.interval(),
                Clock.systemUTC());
        monitor.start();
        return monitor;
    }
}
