package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataPropertiesTest {
    @Test
    void byDefaultEverythingLivesUnderDotData() {
        PropertiesContext.withApplicationYaml(Map.of()).run(context -> {
            DataProperties data = context.getBean(DataProperties.class);
            assertThat(data.dataDir().normalize()).isEqualTo(Path.of("data"));
            assertThat(data.secrets().normalize()).isEqualTo(Path.of("data/secrets"));
            assertThat(data.images().normalize()).isEqualTo(Path.of("data/images"));
            assertThat(data.embeddedDatabase().normalize()).isEqualTo(Path.of("data/db"));
        });
        PropertiesContext.withEnvironment(Map.of())
                .run(context -> assertThat(
                                context.getBean(DataProperties.class).dataDir().normalize())
                        .isEqualTo(Path.of("data")));
    }

    @Test
    void theOperatorsVariableMovesEveryFolder() {
        PropertiesContext.withApplicationYaml(Map.of("FACEREC_DATA_DIR", "/var/lib/facerec"))
                .run(context -> {
                    DataProperties data = context.getBean(DataProperties.class);
                    assertThat(data.secrets()).isEqualTo(Path.of("/var/lib/facerec/secrets"));
                    assertThat(data.images()).isEqualTo(Path.of("/var/lib/facerec/images"));
                    assertThat(context.getBean(DatabaseProperties.class)
                                    .settings(data)
                                    .embeddedDirectory())
                            .isEqualTo(Path.of("/var/lib/facerec/db"));
                });
    }

    @Test
    void anEmptyVariableMeansTheDefaultAndNoFolderIsRefusedNamingTheVariable() {
        for (String empty : java.util.List.of("", " ")) {
            PropertiesContext.withApplicationYaml(Map.of("FACEREC_DATA_DIR", empty))
                    .run(context -> assertThat(context.getBean(DataProperties.class)
                                    .dataDir()
                                    .normalize())
                            .isEqualTo(Path.of("data")));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DataProperties(Path.of("")))
                .hasMessageContaining("FACEREC_DATA_DIR");
    }
}
