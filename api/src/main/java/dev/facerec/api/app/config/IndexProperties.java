package dev.facerec.api.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.index.*}: how the in-memory gallery index keeps up with the database.
 *
 * @param catchUpInterval {@code INDEX_CATCH_UP_INTERVAL}: time between replays of the change log, so a replica that
 *     missed a wake-up still converges; never off, hence positive
 */
@ConfigurationProperties("facerec.index")
public record IndexProperties(@DefaultValue("1s") Duration catchUpInterval) {
    public IndexProperties {
        if (catchUpInterval == null || catchUpInterval.isNegative() || catchUpInterval.isZero()) {
            throw new IllegalArgumentException(
                    "INDEX_CATCH_UP_INTERVAL (facerec.index.catch-up-interval) must be positive: " + catchUpInterval);
        }
    }
}
