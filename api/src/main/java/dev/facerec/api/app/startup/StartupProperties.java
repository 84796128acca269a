package dev.facerec.api.app.startup;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.startup.*}: who hears that the service is ready.
 *
 * @param webhookUrl {@code WEBHOOK_URL}: an http(s) address that receives a small JSON POST once the service is
 *     ready; empty for none
 * @param webhookTimeout {@code WEBHOOK_TIMEOUT}: the connect and the read timeout of that POST
 */
@ConfigurationProperties("facerec.startup")
public record StartupProperties(
        @DefaultValue("") String webhookUrl,
        @DefaultValue("5s") Duration webhookTimeout) {
    public StartupProperties {
        requireNonNull(webhookUrl, "webhookUrl is null");
        requireNonNull(webhookTimeout, "webhookTimeout is null");
        if (webhookTimeout.isNegative() || webhookTimeout.isZero()) {
            throw new IllegalArgumentException("WEBHOOK_TIMEOUT must be positive: " + webhookTimeout);
        }
        parse(webhookUrl).ifPresent(url -> {
            // A typo is a configuration error the operator should see at once, not a silent WARN after start-up.
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("WEBHOOK_URL must be an http or https address");
            }
        });
    }

    /** The webhook address, absent when none is configured. */
    public Optional<URI> webhook() {
        return parse(webhookUrl);
    }

    private static Optional<URI> parse(String webhookUrl) {
        if (webhookUrl.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(webhookUrl.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("WEBHOOK_URL is not a valid address", e);
        }
    }

    /** The address may carry a token in its path or query: never printed. */
    @Override
    public String toString() {
        return "StartupProperties[webhookUrl=" + (webhookUrl.isBlank() ? "" : "(set)") + ", webhookTimeout="
                + webhookTimeout + "]";
    }
}
