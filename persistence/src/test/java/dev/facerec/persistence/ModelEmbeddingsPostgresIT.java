package dev.facerec.persistence;

import java.nio.file.Path;

class ModelEmbeddingsPostgresIT extends ModelEmbeddingsContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return PostgresTestDatabase.create();
    }
}
