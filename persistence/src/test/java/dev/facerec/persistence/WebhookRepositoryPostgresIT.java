package dev.facerec.persistence;

import java.nio.file.Path;

class WebhookRepositoryPostgresIT extends WebhookRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return PostgresTestDatabase.create();
    }
}
