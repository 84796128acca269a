package dev.facerec.api.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.model-switch.*}: how a replica follows a model migration's switch-over or rollback while it serves.
 *
 * @param pollInterval {@code MODEL_SWITCH_POLL_INTERVAL}: how often each replica reads which recognizer the database
 *     says the faces are kept in, and switches to it when it differs from its own; positive
 * @param retireAfter {@code MODEL_SWITCH_RETIRE_AFTER}: how long the previous recognizer (its loaded models and its
 *     index) is kept after a switch for requests that embedded with it before; longer than a request may run
 *     ({@code REQUEST_TIMEOUT}), not negative
 */
@ConfigurationProperties("facerec.model-switch")
public record ModelSwitchProperties(
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("60s") Duration retireAfter) {
    public ModelSwitchProperties {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    "MODEL_SWITCH_POLL_INTERVAL (facerec.model-switch.poll-interval) must be positive: "
                            + pollInterval);
        }
        if (retireAfter == null || retireAfter.isNegative()) {
            throw new IllegalArgumentException(
                    "MODEL_SWITCH_RETIRE_AFTER (facerec.model-switch.retire-after) must not be negative: "
                            + retireAfter);
        }
    }
}
