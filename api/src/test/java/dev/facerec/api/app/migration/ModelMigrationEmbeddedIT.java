package dev.facerec.api.app.migration;

import dev.facerec.persistence.DatabaseSettings;
import java.nio.file.Path;

class ModelMigrationEmbeddedIT extends ModelMigrationRealPhotosContract {
    @Override
    DatabaseSettings openDatabase(Path temporaryDirectory) {
        return DatabaseSettings.embedded(temporaryDirectory);
    }

    @Override
    void closeDatabase() {}
}
