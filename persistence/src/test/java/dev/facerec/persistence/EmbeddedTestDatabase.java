package dev.facerec.persistence;

import java.nio.file.Path;

/** The embedded H2 database in a folder the test framework deletes afterwards. */
record EmbeddedTestDatabase(Path directory) implements TestDatabase {
    @Override
    public DatabaseSettings settings() {
        return DatabaseSettings.embedded(directory.resolve("db"));
    }

    @Override
    public void close() {}
}
