package dev.facerec.api.config;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where enrolled images live: an S3-compatible bucket when {@code S3_ENDPOINT} is set, else a local folder under
 * {@code FACEREC_DATA_DIR} (the embedded default). No profile to remember.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(StorageConfiguration.class);

    /** Closed at shutdown when the store holds connections (the S3 store's HTTP client). */
    @Bean
    ImageStore imageStore(Environment environment, KeyRing keys) {
        // Every adapter behind the encrypting decorator: the folder or bucket only ever holds envelopes.
        return new EncryptingImageStore(plainStore(environment), keys);
    }

    private static ImageStore plainStore(Environment environment) {
        String endpoint = environment.getProperty("facerec.s3.endpoint", "");
        if (endpoint.isBlank()) {
            Path folder = Path.of(environment.getProperty("facerec.data-dir", "./data"), "images");
            LOG.info(
                    "Images are stored in the local folder {}",
                    folder.toAbsolutePath().normalize());
            return new LocalFolderImageStore(new StorageConfig(folder));
        }
        S3Settings settings = new S3Settings(
                endpoint,
                environment.getProperty("facerec.s3.access-key", ""),
                environment.getProperty("facerec.s3.secret-key", ""),
                environment.getProperty("facerec.s3.bucket", S3Settings.DEFAULT_BUCKET),
                environment.getProperty("facerec.s3.secure", Boolean.class, false),
                environment.getProperty("facerec.s3.region", ""));
        LOG.info("Images are stored in S3: {}", settings);
        return new S3ImageStore(settings);
    }
}
