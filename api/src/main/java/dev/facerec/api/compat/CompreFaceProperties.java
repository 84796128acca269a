package dev.facerec.api.compat;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the CompreFace-compatible API.
 *
 * @param corsAllowedOrigins {@code FACEREC_COMPAT_CORS_ALLOWED_ORIGINS}: browser origins allowed to call these paths
 *     (CompreFace's JavaScript SDK in a web page); empty, the default: none. Each must be a full origin such as
 *     {@code https://app.example.org}; {@code *} is refused, as a key would then work from any page.
 */
@ConfigurationProperties("facerec.compat")
record CompreFaceProperties(@DefaultValue("") List<String> corsAllowedOrigins) {
    CompreFaceProperties {
        corsAllowedOrigins = corsAllowedOrigins.stream()
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList();
        for (String origin : corsAllowedOrigins) {
            if (origin.equals("*") || !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("facerec.compat.cors-allowed-origins: " + origin
                        + " is not an origin such as https://app.example.org (no path, no wildcard)");
            }
        }
    }
}
