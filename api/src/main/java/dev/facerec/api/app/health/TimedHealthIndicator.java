package dev.facerec.api.app.health;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A health indicator that reports the component's kind and how long its check took, so an operator sees a slow
 * dependency before it turns into a failing one. A check that throws is {@code DOWN} with a fixed reason: the
 * exception goes to the log only, because driver and client messages may carry hosts, users or credentials.
 */
abstract class TimedHealthIndicator implements HealthIndicator {
    static final String KIND = "kind";
    static final String LATENCY = "latencyMs";
    static final String REASON = "reason";

    private static final Logger log = LoggerFactory.getLogger(TimedHealthIndicator.class);

    @Override
    public final Health health() {
        long start = System.nanoTime();
        Health.Builder builder;
        try {
            builder = check();
        } catch (RuntimeException e) {
            log.warn("Health check of {} failed", kind(), e);
            builder = Health.down().withDetail(REASON, "the check failed");
        }
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return builder.withDetail(KIND, kind())
                .withDetail(LATENCY, latencyMillis)
                .build();
    }

    /** What kind of component answers (a backend name, never an address with credentials). */
    abstract String kind();

    /** Checks the component once, within a bounded time, and says what an operator needs to know. */
    abstract Health.Builder check();
}
