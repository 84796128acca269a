package dev.facerec.api.app.config;

import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.StorageConfig;
import dev.facerec.storage.encrypted.EncryptingImageStore;
import dev.facerec.storage.local.LocalFolderImageStore;
import dev.facerec.storage.s3.S3ImageStore;
import dev.facerec.storage.s3.S3Settings;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where enrolled images live: an S3-compatible bucket when {@code S3_ENDPOINT} is set, else a local folder under
 * {@code FACEREC_DATA_DIR} (the embedded default). No profile to remember.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({S3Properties.class, DataProperties.class})
public class StorageConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(StorageConfiguration.class);

    /** Closed at shutdown when the store holds connections (the S3 store's HTTP client). */
    @Bean
    ImageStore imageStore(S3Properties s3, DataProperties data, KeyRing keys) {
        // Every adapter behind the encrypting decorator: the folder or bucket only ever holds envelopes.
        return new EncryptingImageStore(plainStore(s3, data), keys);
    }

    private static ImageStore plainStore(S3Properties s3, DataProperties data) {
        if (!s3.configured()) {
            Path folder = data.images();
            LOG.info(
                    "Images are stored in the local folder {}",
                    folder.toAbsolutePath().normalize());
            return new LocalFolderImageStore(new StorageConfig(folder));
        }
        S3Settings settings = s3.settings();
        LOG.info("Images are stored in S3: {}", settings);
        return new S3ImageStore(settings);
    }
}
