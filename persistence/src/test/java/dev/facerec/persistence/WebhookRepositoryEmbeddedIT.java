package dev.facerec.persistence;

import java.nio.file.Path;

class WebhookRepositoryEmbeddedIT extends WebhookRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return new EmbeddedTestDatabase(temporaryDirectory);
    }
}
