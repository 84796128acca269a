package dev.facerec.persistence;

import java.nio.file.Path;

class AccountRepositoryPostgresIT extends AccountRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return PostgresTestDatabase.create();
    }
}
