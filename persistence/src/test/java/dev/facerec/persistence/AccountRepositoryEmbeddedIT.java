package dev.facerec.persistence;

import java.nio.file.Path;

class AccountRepositoryEmbeddedIT extends AccountRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return new EmbeddedTestDatabase(temporaryDirectory);
    }
}
