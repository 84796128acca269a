package dev.facerec.api.app.privacy;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.encryption.*} and {@code facerec.environment}: the secrets embeddings and images are sealed under.
 *
 * @param environment {@code FACEREC_ENV}: {@code production} refuses to start without a strong key; {@code
 *     development} (the default) generates one into the data folder when none is set
 * @param key {@code ENCRYPTION_KEY}: the current secret; new data is sealed under the key derived from it
 * @param previousKeys {@code ENCRYPTION_PREVIOUS_KEYS}: older secrets, comma separated, still read until a rotation
 *     has moved their data under the current key
 *     <p>Development keeps its generated key in the data folder ({@code DataProperties}), not read here.
 */
@ConfigurationProperties("facerec")
public record EncryptionProperties(
        @DefaultValue("development") Environment environment,
        @DefaultValue Encryption encryption) {

    public enum Environment {
        DEVELOPMENT,
        PRODUCTION
    }

    /** The secrets; blank entries of the previous keys (a trailing comma) are ignored. */
    public record Encryption(
            @DefaultValue("") String key, @DefaultValue("") String previousKeys) {
        public Encryption {
            key = key == null ? "" : key.strip();
            previousKeys = previousKeys == null ? "" : previousKeys;
        }

        public List<String> previousKeyList() {
            return Arrays.stream(previousKeys.split(","))
                    .map(String::strip)
                    .filter(previous -> !previous.isEmpty())
                    .toList();
        }

        /** The secrets never reach a log or an actuator page: only whether they are set and how many. */
        @Override
        public String toString() {
            return "Encryption[key=" + (key.isEmpty() ? "(unset)" : "****") + ", previousKeys="
                    + previousKeyList().size() + " x ****]";
        }
    }
}
