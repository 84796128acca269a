package dev.facerec.persistence;

import java.nio.file.Path;

class FaceRepositoryPostgresIT extends FaceRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return PostgresTestDatabase.create();
    }
}
