package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    @Test
    void withoutAHostTheEmbeddedDatabaseIsUsedInTheDataDirectory() {
        DatabaseSettings settings = DatabaseSettings.from(Map.<String, String>of()::get);

        assertThat(settings.isEmbedded()).isTrue();
        assertThat(settings.embeddedDirectory()).isEqualTo(Path.of("data", "db"));
        assertThat(settings.jdbcUrl())
                .startsWith("jdbc:h2:file:")
                .contains("MODE=PostgreSQL", "AUTO_SERVER=FALSE")
                .contains(Path.of("data", "db", "facerec").toAbsolutePath().toString());
        assertThat(DatabaseInfo.of(settings).kind()).isEqualTo(DatabaseInfo.Kind.EMBEDDED);
    }

    @Test
    void aHostSelectsPostgresqlWithDefaultsForTheRest() {
        DatabaseSettings settings = DatabaseSettings.from(
                Map.of("facerec.database.host", "db.internal", "facerec.database.password", "s3cret")::get);

        assertThat(settings.isEmbedded()).isFalse();
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/facerec");
        assertThat(settings.user()).isEqualTo("facerec");
        assertThat(settings.timeout()).isEqualTo(TEN_SECONDS);
        assertThat(settings.queryTimeout()).isEqualTo(THIRTY_SECONDS);
        assertThat(DatabaseInfo.of(settings))
                .isEqualTo(
                        new DatabaseInfo(DatabaseInfo.Kind.POSTGRESQL, "jdbc:postgresql://db.internal:5432/facerec"));
    }

    @Test
    void aBlankHostMeansEmbeddedAndEveryPropertyIsRead() {
        DatabaseSettings blank = DatabaseSettings.from(Map.of("facerec.database.host", " ")::get);
        DatabaseSettings all = DatabaseSettings.from(Map.of(
                "facerec.database.host", "pg",
                "facerec.database.port", "6543",
                "facerec.database.name", "faces",
                "facerec.database.user", "svc",
                "facerec.database.embedded-directory", "/var/lib/facerec/db",
                "facerec.database.timeout", "3s",
                "facerec.database.query-timeout", "2m")::get);

        assertThat(blank.isEmbedded()).isTrue();
        assertThat(all)
                .isEqualTo(new DatabaseSettings(
                        "pg",
                        6543,
                        "faces",
                        "svc",
                        "",
                        Path.of("/var/lib/facerec/db"),
                        Duration.ofSeconds(3),
                        Duration.ofMinutes(2)));
    }

    @Test
    void timeoutsAcceptBootsDurationFormsAndBlankMeansTheDefault() {
        assertThat(timeouts("500ms", "PT45S")).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(45));
        assertThat(timeouts("1500", " 1h ")).containsExactly(Duration.ofMillis(1500), Duration.ofHours(1));
        assertThat(timeouts(" ", "")).containsExactly(TEN_SECONDS, THIRTY_SECONDS);
    }

    @Test
    void timeoutsMustBePositiveReadableAndNotBelowThePoolsFloor() {
        assertThatThrownBy(() -> timeouts("0s", "30s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_TIMEOUT")
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> timeouts("10s", "-1s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_QUERY_TIMEOUT")
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> timeouts("ten seconds", "30s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_TIMEOUT must be a duration such as 10s");
        assertThatThrownBy(() -> timeouts("100ms", "30s"))
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

    private static Duration[] timeouts(String timeout, String queryTimeout) {
        DatabaseSettings settings = DatabaseSettings.from(Map.of(
                "facerec.database.host", "pg",
                "facerec.database.timeout", timeout,
                "facerec.database.query-timeout", queryTimeout)::get);
        return new Duration[] {settings.timeout(), settings.queryTimeout()};
    }
}
