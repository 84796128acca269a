package dev.facerec.persistence;

import java.nio.file.Path;

class EncryptedEmbeddingsPostgresIT extends EncryptedEmbeddingsContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return PostgresTestDatabase.create();
    }
}
