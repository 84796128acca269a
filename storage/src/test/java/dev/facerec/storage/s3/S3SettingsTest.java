package dev.facerec.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3SettingsTest {
    private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCY";

    @Test
    void aHostAndPortGetsTheSchemeThatSecureSays() {
        assertThat(settings("minio:9000", false).endpoint()).isEqualTo("http://minio:9000");
        assertThat(settings("minio:9000", true).endpoint()).isEqualTo("https://minio:9000");
    }

    @Test
    void anHttpsUrlIsSecureWhateverTheFlagSays() {
        S3Settings settings = settings("https://s3.example.org/", false);

        assertThat(settings.secure()).isTrue();
        assertThat(settings.endpoint()).isEqualTo("https://s3.example.org");
    }

    @Test
    void anHttpUrlWithSecureOnIsAContradiction() {
        assertThatThrownBy(() -> settings("http://minio:9000", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S3_SECURE");
    }

    @Test
    void credentialsInTheUrlAreRejectedWithoutBeingRepeated() {
        assertThatThrownBy(() -> settings("http://admin:" + SECRET + "@minio:9000", false))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain(SECRET)
                .contains("access and secret keys");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://minio:21", "http://minio:9000/facerec", "http://minio:9000?x=1", "http://", " "})
    void endpointsThatAreNotAServerAreRejected(String endpoint) {
        assertThatThrownBy(() -> settings(endpoint, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Facerec", "face_rec", "-facerec", "facerec-", "face..rec"})
    void invalidBucketNamesAreRejected(String bucket) {
        assertThatThrownBy(() -> new S3Settings("minio:9000", "facerec", SECRET, bucket, false, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bucket);
    }

    @Test
    void theShortFormUsesTheDefaultBucketAndAsksTheServerForTheRegion() {
        S3Settings settings = new S3Settings("minio:9000", "facerec", SECRET, false);

        assertThat(settings.bucket()).isEqualTo("facerec");
        assertThat(new S3Settings("minio:9000", "facerec", SECRET, "facerec", false, " ").region())
                .isNull();
        assertThat(settings.region()).isNull();
    }

    @Test
    void toStringMasksTheSecretKeyOnly() {
        S3Settings settings = new S3Settings("minio:9000", "AKIAFACEREC", SECRET, "faces", false, "eu-west-1");

        assertThat(settings.toString())
                .doesNotContain(SECRET)
                .contains("http://minio:9000", "AKIAFACEREC", "secretKey=****", "faces", "eu-west-1");
    }

    @Test
    void missingValuesAreRejected() {
        assertThatThrownBy(() -> new S3Settings(null, "a", SECRET, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new S3Settings("minio", "a", null, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new S3Settings("minio", "", SECRET, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static S3Settings settings(String endpoint, boolean secure) {
        return new S3Settings(endpoint, "facerec", SECRET, "facerec", secure, null);
    }
}
