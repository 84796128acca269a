package dev.facerec.persistence;

import java.nio.file.Path;

class JobRepositoryEmbeddedIT extends JobRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return new EmbeddedTestDatabase(temporaryDirectory);
    }
}
