package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.storage.s3.S3Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3PropertiesTest {
    @Test
    void withoutAnEndpointImagesStayLocal() {
        PropertiesContext.withApplicationYaml(Map.of()).run(context -> {
            S3Properties s3 = context.getBean(S3Properties.class);
            assertThat(s3.configured()).isFalse();
            assertThat(s3.bucket()).isEqualTo(S3Settings.DEFAULT_BUCKET);
        });
        PropertiesContext.withEnvironment(Map.of())
                .run(context -> assertThat(context.getBean(S3Properties.class))
                        .isEqualTo(new S3Properties("", "", "", "facerec", false, "")));
    }

    @Test
    void operatorsVariablesDescribeTheBucketAndTheSecretIsNeverPrinted() {
        PropertiesContext.withApplicationYaml(Map.of(
                        "S3_ENDPOINT", "minio:9000",
                        "S3_ACCESS_KEY", "facerec",
                        "S3_SECRET_KEY", "hunter2hunter2",
                        "S3_BUCKET", "faces",
                        "S3_SECURE", "true",
                        "S3_REGION", "eu-west-1"))
                .run(context -> {
                    S3Properties s3 = context.getBean(S3Properties.class);
                    assertThat(s3.configured()).isTrue();
                    assertThat(s3.settings())
                            .isEqualTo(new S3Settings(
                                    "https://minio:9000", "facerec", "hunter2hunter2", "faces", true, "eu-west-1"));
                    assertThat(s3.toString()).doesNotContain("hunter2").contains("****");
                });
    }

    @Test
    void aBadBucketOrMissingCredentialsStopTheStartNamingTheSetting() {
        PropertiesContext.withApplicationYaml(Map.of(
                        "S3_ENDPOINT",
                        "minio:9000",
                        "S3_ACCESS_KEY",
                        "a",
                        "S3_SECRET_KEY",
                        "b",
                        "S3_BUCKET",
                        "Bad_Name"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("S3 bucket 'Bad_Name'"));
        PropertiesContext.withApplicationYaml(Map.of("S3_ENDPOINT", "minio:9000"))
                .run(context -> assertThat(PropertiesContext.failure(context))
                        .contains("S3_ENDPOINT")
                        .contains("accessKey"));
    }
}
