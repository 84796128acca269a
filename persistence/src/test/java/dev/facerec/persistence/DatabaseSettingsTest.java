package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings themselves; how facerec.database.* binds to them is the api's DatabasePropertiesTest. */
class DatabaseSettingsTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    @Test
    void withoutAHostTheEmbeddedDatabaseIsUsedInTheGivenDirectory() {
        DatabaseSettings settings = DatabaseSettings.embedded(Path.of("data", "db"));

        assertThat(settings.isEmbedded()).isTrue();
        assertThat(settings.jdbcUrl())
                .startsWith("jdbc:h2:file:")
                .contains("MODE=PostgreSQL", "AUTO_SERVER=FALSE")
                .contains(Path.of("data", "db", "facerec").toAbsolutePath().toString());
        assertThat(DatabaseInfo.of(settings).kind()).isEqualTo(DatabaseInfo.Kind.EMBEDDED);
    }

    @Test
    void aHostSelectsPostgresqlAndABlankHostMeansEmbedded() {
        DatabaseSettings settings = postgres(" db.internal ", TEN_SECONDS, THIRTY_SECONDS);

        assertThat(settings.isEmbedded()).isFalse();
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/facerec");
        assertThat(DatabaseInfo.of(settings))
                .isEqualTo(
                        new DatabaseInfo(DatabaseInfo.Kind.POSTGRESQL, "jdbc:postgresql://db.internal:5432/facerec"));
        assertThat(postgres(" ", TEN_SECONDS, THIRTY_SECONDS).isEmbedded()).isTrue();
    }

    @Test
    void timeoutsMustBePositiveAndNotBelowThePoolsFloor() {
        assertThatThrownBy(() -> postgres("pg", Duration.ZERO, THIRTY_SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_TIMEOUT")
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> postgres("pg", TEN_SECONDS, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_QUERY_TIMEOUT")
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> postgres("pg", Duration.ofMillis(100), THIRTY_SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 250ms");
    }

    @Test
    void theDriverGetsWholeSecondsRoundedUpNeverZero() {
        assertThat(DataSources.wholeSeconds(Duration.ofMillis(300))).isEqualTo("1");
        assertThat(DataSources.wholeSeconds(Duration.ofMillis(1500))).isEqualTo("2");
        assertThat(DataSources.wholeSeconds(Duration.ofSeconds(10))).isEqualTo("10");
    }

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseSettings settings = new DatabaseSettings(
                "pg", 5432, "facerec", "facerec", "s3cret", Path.of("d"), TEN_SECONDS, THIRTY_SECONDS);

        assertThat(settings.toString()).doesNotContain("s3cret").contains("******");
        assertThat(settings.jdbcUrl()).doesNotContain("s3cret");
    }

    private static DatabaseSettings postgres(String host, Duration timeout, Duration queryTimeout) {
        return new DatabaseSettings(host, 5432, "facerec", "facerec", "", Path.of("d"), timeout, queryTimeout);
    }
}
