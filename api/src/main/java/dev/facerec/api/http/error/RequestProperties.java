package dev.facerec.api.http.error;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.request-timeout}: the deadline of one request ({@link RequestDeadlineFilter}).
 *
 * @param requestTimeout {@code REQUEST_TIMEOUT}: from the moment a request reaches the service; positive
 */
@ConfigurationProperties("facerec")
public record RequestProperties(@DefaultValue("30s") Duration requestTimeout) {
    public RequestProperties {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "REQUEST_TIMEOUT (facerec.request-timeout) must be positive: " + requestTimeout);
        }
    }
}
