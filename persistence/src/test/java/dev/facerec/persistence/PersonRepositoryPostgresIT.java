package dev.facerec.persistence;

import java.nio.file.Path;

class PersonRepositoryPostgresIT extends PersonRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return PostgresTestDatabase.create();
    }
}
