package dev.facerec.api.app.privacy;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.core.crypto.EncryptedFaces;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.usecase.RotateKeys;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Key rotation over whichever key ring, repositories and image store the context has (web slices bring fakes). */
@Configuration(proxyBeanMethods = false)
@Import(ClockConfiguration.class)
public class KeyRotationConfiguration {
    @Bean
    RotateKeys rotateKeys(
            EncryptedFaces encryptedFaces, FaceRepository faces, ImageStore images, KeyRing keys, Clock clock) {
        return new RotateKeys(encryptedFaces, faces, images, keys, clock);
    }

    @Bean(destroyMethod = "close")
    KeyRotationRunner keyRotationRunner(RotateKeys rotation) {
        return new KeyRotationRunner(rotation);
    }
}
