package dev.facerec.api.app.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's one clock, in UTC: every use case, sweep and token that asks the time gets it from this bean, so a
 * test can put a {@code @Primary} clock of its own in its place. Each configuration that needs the clock imports this
 * one, so that a slice or a small test context with that configuration alone still starts.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
