package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
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
                "facerec.database.embedded-directory", "/var/lib/facerec/db")::get);

        assertThat(blank.isEmbedded()).isTrue();
        assertThat(all).isEqualTo(new DatabaseSettings("pg", 6543, "faces", "svc", "", Path.of("/var/lib/facerec/db")));
    }

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseSettings settings = new DatabaseSettings("pg", 5432, "facerec", "facerec", "s3cret", Path.of("d"));

        assertThat(settings.toString()).doesNotContain("s3cret").contains("******");
        assertThat(settings.jdbcUrl()).doesNotContain("s3cret");
    }
}
