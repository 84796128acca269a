package dev.facerec.api.app.privacy;

import dev.facerec.api.app.config.DataProperties;
import dev.facerec.core.crypto.KeyRing;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Encryption at rest: the key ring that the repositories and the image store seal under, and key rotation. There is
 * no switch to turn it off: without {@code ENCRYPTION_KEY} development generates a key (see {@link EncryptionKeys}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EncryptionProperties.class, DataProperties.class})
@Import(KeyRotationConfiguration.class)
public class EncryptionConfiguration {
    @Bean
    KeyRing keyRing(EncryptionProperties properties, DataProperties data) {
        return EncryptionKeys.ring(properties, data.secrets());
    }
}
