package dev.facerec.api.app.config;

import dev.facerec.storage.s3.S3Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.s3.*}: the S3-compatible bucket enrolled images are stored in; without an endpoint they stay in the
 * local folder under {@code FACEREC_DATA_DIR}. Checked as {@link S3Settings} when bound, so a bad bucket name or a
 * contradicting endpoint stops the start with the setting named.
 *
 * @param endpoint {@code S3_ENDPOINT}: empty for the local folder
 * @param accessKey {@code S3_ACCESS_KEY}
 * @param secretKey {@code S3_SECRET_KEY}; never printed
 * @param bucket {@code S3_BUCKET}
 * @param secure {@code S3_SECURE}: TLS, unless the endpoint's scheme says
 * @param region {@code S3_REGION}: empty to ask the server
 */
@ConfigurationProperties("facerec.s3")
public record S3Properties(
        @DefaultValue("") String endpoint,
        @DefaultValue("") String accessKey,
        @DefaultValue("") String secretKey,
        @DefaultValue(S3Settings.DEFAULT_BUCKET) String bucket,
        @DefaultValue("false") boolean secure,
        @DefaultValue("") String region) {
    public S3Properties {
        endpoint = endpoint == null ? "" : endpoint;
        accessKey = accessKey == null ? "" : accessKey;
        secretKey = secretKey == null ? "" : secretKey;
        bucket = bucket == null ? S3Settings.DEFAULT_BUCKET : bucket;
        region = region == null ? "" : region;
        if (!endpoint.isBlank()) {
            try {
                new S3Settings(endpoint, accessKey, secretKey, bucket, secure, region);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "S3_ENDPOINT is set, so facerec.s3.* must describe a bucket: " + e.getMessage(), e);
            }
        }
    }

    /** Whether images go to S3 rather than the local folder. */
    public boolean configured() {
        return !endpoint.isBlank();
    }

    /** The adapter's settings; only when {@link #configured()}. */
    public S3Settings settings() {
        return new S3Settings(endpoint, accessKey, secretKey, bucket, secure, region);
    }

    @Override
    public String toString() {
        return "S3Properties[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey="
                + (secretKey.isEmpty() ? "" : "****") + ", bucket=" + bucket + ", secure=" + secure + ", region="
                + region + "]";
    }
}
