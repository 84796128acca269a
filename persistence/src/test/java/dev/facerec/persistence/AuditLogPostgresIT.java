package dev.facerec.persistence;

import java.nio.file.Path;

class AuditLogPostgresIT extends AuditLogContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return PostgresTestDatabase.create();
    }
}
