package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class UploadPropertiesTest {
    @Test
    void defaultIsFifteenMegabytesPerImage() {
        PropertiesContext.withEnvironment(Map.of()).run(context -> {
            UploadProperties upload = context.getBean(UploadProperties.class);
            assertThat(upload.maxBytes()).isEqualTo(DataSize.ofMegabytes(15));
            assertThat(upload.maxRequestBytes())
                    .isEqualTo(DataSize.ofBytes(2 * DataSize.ofMegabytes(15).toBytes() + 64 * 1024));
        });
    }

    @Test
    void applicationYamlHasTheSameDefault() {
        PropertiesContext.withApplicationYaml(Map.of())
                .run(context -> assertThat(
                                context.getBean(UploadProperties.class).maxBytes())
                        .isEqualTo(DataSize.ofMegabytes(15)));
    }

    @Test
    void operatorsVariableSetsTheLimit() {
        PropertiesContext.withApplicationYaml(Map.of("UPLOAD_MAX_BYTES", "2MB"))
                .run(context -> assertThat(
                                context.getBean(UploadProperties.class).maxBytes())
                        .isEqualTo(DataSize.ofMegabytes(2)));
    }

    @Test
    void springStyleVariableAndPlainBytesBindToo() {
        PropertiesContext.withEnvironment(Map.of("FACEREC_UPLOAD_MAX_BYTES", "1048576"))
                .run(context -> assertThat(
                                context.getBean(UploadProperties.class).maxBytes())
                        .isEqualTo(DataSize.ofMegabytes(1)));
    }

    @Test
    void jsonBodiesAreCappedAt64KilobytesAndAt4UnderAuth() {
        PropertiesContext.withApplicationYaml(Map.of()).run(context -> {
            UploadProperties upload = context.getBean(UploadProperties.class);
            assertThat(upload.maxJsonBytes()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(upload.maxAuthJsonBytes()).isEqualTo(DataSize.ofKilobytes(4));
        });
        PropertiesContext.withEnvironment(Map.of())
                .run(context -> assertThat(context.getBean(UploadProperties.class))
                        .isEqualTo(new UploadProperties(
                                DataSize.ofMegabytes(15), DataSize.ofKilobytes(64), DataSize.ofKilobytes(4))));
    }

    @Test
    void operatorsVariablesSetTheJsonLimits() {
        PropertiesContext.withApplicationYaml(Map.of("JSON_MAX_BYTES", "16KB", "AUTH_JSON_MAX_BYTES", "1KB"))
                .run(context -> {
                    UploadProperties upload = context.getBean(UploadProperties.class);
                    assertThat(upload.maxJsonBytes()).isEqualTo(DataSize.ofKilobytes(16));
                    assertThat(upload.maxAuthJsonBytes()).isEqualTo(DataSize.ofKilobytes(1));
                });
        PropertiesContext.withApplicationYaml(Map.of("AUTH_JSON_MAX_BYTES", "0B"))
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aLimitBelowOneByteStopsTheStart() {
        PropertiesContext.withApplicationYaml(Map.of("UPLOAD_MAX_BYTES", "0B"))
                .run(context -> assertThat(context).hasFailed());
    }
}
