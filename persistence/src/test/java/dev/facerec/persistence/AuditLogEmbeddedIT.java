package dev.facerec.persistence;

import java.nio.file.Path;

class AuditLogEmbeddedIT extends AuditLogContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return new EmbeddedTestDatabase(temporaryDirectory);
    }
}
