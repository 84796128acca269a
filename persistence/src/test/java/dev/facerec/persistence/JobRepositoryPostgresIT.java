package dev.facerec.persistence;

import java.nio.file.Path;

class JobRepositoryPostgresIT extends JobRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return PostgresTestDatabase.create();
    }
}
