package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** facerec.database.* as operators set it, translated into the persistence module's settings. */
class DatabasePropertiesTest {
    private static final DataProperties DATA = new DataProperties(Path.of("/srv/facerec"));

    @Test
    void withoutAHostTheEmbeddedDatabaseIsUsedInTheDataFolder() {
        PropertiesContext.withApplicationYaml(Map.of()).run(context -> {
            DatabaseSettings settings =
                    context.getBean(DatabaseProperties.class).settings(DATA);
            assertThat(settings).isEqualTo(DatabaseSettings.embedded(Path.of("/srv/facerec/db")));
        });
        PropertiesContext.withEnvironment(Map.of())
                .run(context -> assertThat(
                                context.getBean(DatabaseProperties.class).settings(DATA))
                        .isEqualTo(DatabaseSettings.embedded(Path.of("/srv/facerec/db"))));
    }

    @Test
    void operatorsVariablesSelectPostgresqlAndThePasswordIsNeverPrinted() {
        PropertiesContext.withApplicationYaml(Map.of(
                        "DATABASE_HOST", "pg",
                        "DATABASE_PORT", "6543",
                        "DATABASE_NAME", "faces",
                        "DATABASE_USER", "svc",
                        "DATABASE_PASSWORD", "s3cret",
                        "DATABASE_TIMEOUT", "3s",
                        "DATABASE_QUERY_TIMEOUT", "2m"))
                .run(context -> {
                    DatabaseProperties properties = context.getBean(DatabaseProperties.class);
                    assertThat(properties.settings(DATA))
                            .isEqualTo(new DatabaseSettings(
                                    "pg",
                                    6543,
                                    "faces",
                                    "svc",
                                    "s3cret",
                                    Path.of("/srv/facerec/db"),
                                    Duration.ofSeconds(3),
                                    Duration.ofMinutes(2)));
                    assertThat(properties.settings(DATA).jdbcUrl()).isEqualTo("jdbc:postgresql://pg:6543/faces");
                    assertThat(properties.toString()).doesNotContain("s3cret").contains("******");
                });
    }

    @Test
    void anExplicitEmbeddedDirectoryWinsOverTheDataFolder() {
        PropertiesContext.withEnvironment(Map.of("FACEREC_DATABASE_EMBEDDEDDIRECTORY", "/elsewhere/db"))
                .run(context -> assertThat(context.getBean(DatabaseProperties.class)
                                .settings(DATA)
                                .embeddedDirectory())
                        .isEqualTo(Path.of("/elsewhere/db")));
    }

    @Test
    void timeoutsAcceptBootsDurationFormsAndEmptyVariablesMeanTheDefaults() {
        assertThat(timeouts(Map.of("DATABASE_TIMEOUT", "500ms", "DATABASE_QUERY_TIMEOUT", "PT45S")))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(45));
        assertThat(timeouts(Map.of("DATABASE_TIMEOUT", "1500", "DATABASE_QUERY_TIMEOUT", "1h")))
                .containsExactly(Duration.ofMillis(1500), Duration.ofHours(1));
        assertThat(timeouts(Map.of("DATABASE_TIMEOUT", "", "DATABASE_QUERY_TIMEOUT", "", "DATABASE_PORT", "")))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @Test
    void badValuesStopTheStartNamingTheSetting() {
        Map<String, String> refused = Map.of(
                "DATABASE_TIMEOUT", "100ms",
                "DATABASE_QUERY_TIMEOUT", "-1s",
                "DATABASE_PORT", "70000");
        Map<String, String> named = Map.of(
                "DATABASE_TIMEOUT", "DATABASE_TIMEOUT",
                "DATABASE_QUERY_TIMEOUT", "DATABASE_QUERY_TIMEOUT",
                "DATABASE_PORT", "DATABASE_PORT");
        refused.forEach((variable, value) -> PropertiesContext.withApplicationYaml(Map.of(variable, value))
                .run(context -> assertThat(PropertiesContext.failure(context))
                        .as(variable + "=" + value)
                        .contains(named.get(variable))));
        PropertiesContext.withApplicationYaml(Map.of("DATABASE_TIMEOUT", "ten seconds"))
                .run(context -> assertThat(PropertiesContext.failure(context)).contains("facerec.database.timeout"));
    }

    private static Duration[] timeouts(Map<String, Object> environment) {
        Duration[] found = new Duration[2];
        PropertiesContext.withApplicationYaml(environment).run(context -> {
            DatabaseProperties properties = context.getBean(DatabaseProperties.class);
            found[0] = properties.timeout();
            found[1] = properties.queryTimeout();
        });
        return found;
    }
}
