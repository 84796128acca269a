package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.app.privacy.EncryptionProperties;
import dev.facerec.api.app.privacy.EncryptionProperties.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionPropertiesTest {
    @Test
    void defaultsAreDevelopmentWithoutKeys() {
        PropertiesContext.withApplicationYaml(Map.of()).run(context -> {
            EncryptionProperties properties = context.getBean(EncryptionProperties.class);
            assertThat(properties.environment()).isEqualTo(Environment.DEVELOPMENT);
            assertThat(properties.encryption().key()).isEmpty();
            assertThat(properties.encryption().previousKeyList()).isEmpty();
        });
    }

    @Test
    void operatorsVariablesBind() {
        PropertiesContext.withApplicationYaml(Map.of(
                        "FACEREC_ENV", "production",
                        "ENCRYPTION_KEY", "current-key",
                        "ENCRYPTION_PREVIOUS_KEYS", "old-1, old-2"))
                .run(context -> {
                    EncryptionProperties properties = context.getBean(EncryptionProperties.class);
                    assertThat(properties.environment()).isEqualTo(Environment.PRODUCTION);
                    assertThat(properties.encryption().key()).isEqualTo("current-key");
                    assertThat(properties.encryption().previousKeyList()).containsExactly("old-1", "old-2");
                    assertThat(properties.toString()).doesNotContain("current-key", "old-1", "old-2");
                });
    }

    @Test
    void anUnknownEnvironmentStopsTheStart() {
        PropertiesContext.withApplicationYaml(Map.of("FACEREC_ENV", "staging"))
                .run(context -> assertThat(context).hasFailed());
    }
}
